import { DialogButtons } from './DialogButtons';
import { Text } from '@mantine/core';
import { FormDialog } from './FormDialog';

/** A question that needs an answer before going on: Cancel (focused first) or a red confirmation. */
export function ConfirmDialog(props: {
  opened: boolean;
  title: string;
  body: string;
  cancelLabel: string;
  confirmLabel: string;
  onCancel(): void;
  onConfirm(): void;
}) {
  return (
    <FormDialog opened={props.opened} onClose={props.onCancel} size="md" title={props.title} closeLabel={props.cancelLabel}>
      <Text mb="lg">{props.body}</Text>
      <DialogButtons cancelLabel={props.cancelLabel} onCancel={props.onCancel} confirmLabel={props.confirmLabel} onConfirm={props.onConfirm} danger />
    </FormDialog>
  );
}

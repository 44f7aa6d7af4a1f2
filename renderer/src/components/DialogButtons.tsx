import { Button, Group } from '@mantine/core';

/**
 * A dialog's answer buttons, at its end: Cancel, then the action. Without `onConfirm` the action
 * submits the form around it (Enter in a field does too). A question that may cost something
 * (`danger`, or `focusCancel`) starts on Cancel, so Enter alone never confirms it.
 */
export function DialogButtons(props: {
  cancelLabel: string;
  onCancel(): void;
  confirmLabel: string;
  onConfirm?(): void;
  busy?: boolean;
  danger?: boolean;
  focusCancel?: boolean;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onCancel} data-autofocus={props.focusCancel || props.danger || undefined}>
        {props.cancelLabel}
      </Button>
      <Button
        type={props.onConfirm ? 'button' : 'submit'}
        onClick={props.onConfirm}
        loading={props.busy}
        color={props.danger ? 'red.9' : undefined}
      >
        {props.confirmLabel}
      </Button>
    </Group>
  );
}

import { Button, Group, Modal, Text } from '@mantine/core';

/**
 * A question that needs an answer before going on. Built from Modal's parts so that its header is
 * not a second page banner for screen readers (Mantine renders it as <header>).
 */
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
    <Modal.Root opened={props.opened} onClose={props.onCancel} centered>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="none">
          <Modal.Title>{props.title}</Modal.Title>
          <Modal.CloseButton aria-label={props.cancelLabel} title={props.cancelLabel} />
        </Modal.Header>
        <Modal.Body>
          <Text mb="lg">{props.body}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onCancel} data-autofocus>
              {props.cancelLabel}
            </Button>
            <Button color="red.9" onClick={props.onConfirm}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';

/** A dialog built from Modal's parts, so its header is not a second page banner (as ConfirmDialog). */
export function FormDialog(props: { opened: boolean; onClose(): void; title: string; closeLabel: string; size?: string; children: ReactNode }) {
  return (
    <Modal.Root opened={props.opened} onClose={props.onClose} size={props.size ?? 'lg'} centered>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="none">
          <Modal.Title>{props.title}</Modal.Title>
          <Modal.CloseButton aria-label={props.closeLabel} title={props.closeLabel} />
        </Modal.Header>
        <Modal.Body>{props.children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

import { Button, Group, Kbd, Paper, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * What was just deleted, with its Undo, kept in sight at the bottom of the window wherever the page
 * is scrolled. The live region is always there, so screen readers announce what appears in it.
 * Ctrl+Z (⌘Z) undoes too, from anywhere but a text field or a dialog, whose own undo it leaves alone.
 */
export function UndoBar(props: { message: string | null; onUndo(): void; onDismiss(): void; error?: string | null }) {
  const { t } = useTranslation('common');
  const { message, onUndo } = props;
  useEffect(() => {
    if (message === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || event.altKey || event.shiftKey || !(MAC ? event.metaKey : event.ctrlKey)) return;
      const target = event.target;
      if (target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, [role="dialog"]'))) return;
      event.preventDefault();
      onUndo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [message, onUndo]);
  return (
    <div role="status" aria-live="polite" className="undo-region">
      {message !== null && (
        <Paper withBorder shadow="md" radius="md" p="sm" className="undo-bar">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm" className="undo-text">
              {message}
            </Text>
            <Group gap="xs" wrap="nowrap" className="undo-actions">
              <Button size="xs" onClick={onUndo} aria-keyshortcuts={MAC ? 'Meta+Z' : 'Control+Z'}>
                {t('actions.undo')}
              </Button>
              <Kbd size="xs" aria-hidden dir="ltr">
                {MAC ? '⌘Z' : 'Ctrl+Z'}
              </Kbd>
              <Button size="xs" variant="default" onClick={props.onDismiss}>
                {t('actions.dismiss')}
              </Button>
            </Group>
          </Group>
          {props.error && (
            <Text size="sm" c="red.9" mt={4}>
              {props.error}
            </Text>
          )}
        </Paper>
      )}
    </div>
  );
}

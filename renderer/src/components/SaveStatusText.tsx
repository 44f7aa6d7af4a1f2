import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SaveStatus } from '../hooks/useAutosave';

const STATUS_TEXT = {
  pending: 'save.pending',
  saving: 'save.saving',
  saved: 'save.saved',
  invalid: 'save.invalid',
  error: 'save.error',
} as const satisfies Record<Exclude<SaveStatus, 'idle'>, string>;

/** Where an autosaved form says how its changes stand; read out politely by screen readers. */
export function SaveStatusText({ status }: { status: SaveStatus }) {
  const { t } = useTranslation('common');
  return (
    <Text size="sm" c={status === 'invalid' || status === 'error' ? 'red.9' : 'dimmed'} role="status" aria-live="polite">
      {status === 'idle' ? '' : t(STATUS_TEXT[status])}
    </Text>
  );
}

import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiErrorText } from '../../text/errors';
import { useSyncStatus } from '../../hooks/useSyncStatus';
import { TeamFolderSetup } from './TeamFolderSetup';
import { TeamFolderStatus } from './TeamFolderStatus';

/**
 * Settings → Team folder: keeping the workspace in step with every other installation that uses
 * the same shared folder. Follows the core's status live (a round started elsewhere shows here).
 */
export function TeamFolderSection() {
  const { t } = useTranslation(['settings', 'common']);
  const apiErrorText = useApiErrorText();
  const { status, error, reload, accept } = useSyncStatus();

  if (!status) {
    if (error) {
      return (
        <Alert color="red" role="alert">
          <Text size="sm">{apiErrorText(error)}</Text>
          <Button mt="sm" size="xs" variant="default" onClick={reload}>
            {t('common:actions.retry')}
          </Button>
        </Alert>
      );
    }
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" aria-hidden />
        <Text size="sm">{t('team.loading')}</Text>
      </Group>
    );
  }
  return status.folder === null ? (
    <TeamFolderSetup onConfigured={accept} />
  ) : (
    <TeamFolderStatus status={status} onChange={accept} />
  );
}

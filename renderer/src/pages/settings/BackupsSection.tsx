import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, BackupReason } from '../../../../shared/records/backups';
import { useApiErrorText } from '../../text/errors';
import { useAppState } from '../../api/state';
import { ResultAlert } from '../../components/ResultAlert';
import { ConfirmDialog } from '../../components/ConfirmDialog';

const REASON_KEYS = {
  daily: 'backups.reason_daily',
  before_import: 'backups.reason_before_import',
  before_migration: 'backups.reason_before_migration',
  before_restore: 'backups.reason_before_restore',
  manual: 'backups.reason_manual',
} as const satisfies Record<BackupReason, string>;

/** The backups of the workspace: made automatically, listed, restorable (and a restore is undoable). */
export function BackupsSection() {
  const { t, i18n } = useTranslation(['settings', 'common']);
  const { api } = useAppState();
  const apiErrorText = useApiErrorText();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const load = useCallback(() => {
    api.call('backups.list', {}).then(setBackups, (error: unknown) => setMessage({ tone: 'error', text: apiErrorText(error) }));
  }, [api, apiErrorText]);
  useEffect(load, [load]);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ tone: 'ok', text: await action() });
    } catch (error) {
      setMessage({ tone: 'error', text: apiErrorText(error) });
    } finally {
      setBusy(false);
      load();
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t('backups.intro')}</Text>
      {backups && backups.length === 0 && <Text c="dimmed">{t('backups.empty')}</Text>}
      {backups && backups.length > 0 && (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backups.when')}</Table.Th>
              <Table.Th>{t('backups.reason')}</Table.Th>
              <Table.Th>{t('backups.records')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('backups.restore')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {backups.map((backup) => {
              const when = date.format(new Date(backup.createdAt));
              return (
                <Table.Tr key={backup.id}>
                  <Table.Td>{when}</Table.Td>
                  <Table.Td>{t(REASON_KEYS[backup.reason])}</Table.Td>
                  <Table.Td>{new Intl.NumberFormat(i18n.language).format(backup.records)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={busy}
                      aria-label={t('backups.restoreLabel', { date: when })}
                      onClick={() => setConfirm(backup)}
                    >
                      {t('backups.restore')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <ResultAlert result={message} />
      <Group>
        <Button
          variant="light"
          loading={busy}
          onClick={() => void run(async () => (await api.call('backups.create', {}), t('backups.created')))}
        >
          {t('backups.create')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={confirm !== null}
        title={t('backups.confirmTitle')}
        body={confirm ? t('backups.confirmBody', { date: date.format(new Date(confirm.createdAt)) }) : ''}
        cancelLabel={t('common:actions.cancel')}
        confirmLabel={t('backups.restore')}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const chosen = confirm!;
          setConfirm(null);
          void run(async () => {
            const { records } = await api.call('backups.restore', { id: chosen.id });
            return t('backups.restored', { count: records });
          });
        }}
      />
    </Stack>
  );
}

import { Alert, Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StartupNotice } from '../../../shared/api/contract';
import { useApiErrorText } from '../text/errors';
import { useAppState } from '../api/state';
import { ConfirmDialog } from './ConfirmDialog';

const TEXT = {
  settings_corrupt: { title: 'notices.settings_corrupt_title', body: 'notices.settings_corrupt_body' },
  records_corrupt: { title: 'notices.records_corrupt_title', body: 'notices.records_corrupt_body' },
  workspace_too_new: { title: 'notices.workspace_too_new_title', body: 'notices.workspace_too_new_body' },
  backup_skipped: { title: 'notices.backup_skipped_title', body: 'notices.backup_skipped_body' },
} as const satisfies Record<StartupNotice['code'], { title: string; body: string }>;

/** Offers the newest backup when part of the data could not be read. */
function RestoreNewest({ onDone }: { onDone(text: string): void }) {
  const { t, i18n } = useTranslation(['common', 'settings']);
  const { api } = useAppState();
  const apiErrorText = useApiErrorText();
  const [confirm, setConfirm] = useState<{ id: string; createdAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setError(null);
    try {
      const [newest] = await api.call('backups.list', {});
      if (newest) setConfirm(newest);
      else setError(t('settings:backups.empty'));
    } catch (e) {
      setError(apiErrorText(e));
    }
  };
  return (
    <>
      <Button size="xs" mt="sm" variant="default" loading={busy} onClick={() => void open()}>
        {t('notices.restoreNewest')}
      </Button>
      {error && (
        <Text size="sm" mt="xs" role="alert">
          {error}
        </Text>
      )}
      <ConfirmDialog
        opened={confirm !== null}
        title={t('settings:backups.confirmTitle')}
        body={confirm ? t('settings:backups.confirmBody', { date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(confirm.createdAt)) }) : ''}
        cancelLabel={t('actions.cancel')}
        confirmLabel={t('settings:backups.restore')}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const chosen = confirm!;
          setConfirm(null);
          setBusy(true);
          api.call('backups.restore', { id: chosen.id }).then(
            ({ records }) => onDone(t('settings:backups.restored', { count: records })),
            (e: unknown) => {
              setBusy(false);
              setError(apiErrorText(e));
            },
          );
        }}
      />
    </>
  );
}

/** What the core found at start-up and the user must hear about (a file set aside, newer data…). */
export function Notices() {
  const { t } = useTranslation();
  const { info } = useAppState();
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [restored, setRestored] = useState<string | null>(null);
  const visible = info.notices.filter((n) => !dismissed.includes(`${n.code}:${n.file}`));
  return (
    <>
      {restored && (
        <Alert color="teal" mb="md" role="status" withCloseButton closeButtonLabel={t('actions.dismiss')} onClose={() => setRestored(null)} classNames={{ message: 'notice-title' }}>
          {restored}
        </Alert>
      )}
      {visible.map((notice) => {
        const blocking = notice.code === 'workspace_too_new';
        const key = `${notice.code}:${notice.file}`;
        return (
          <Alert
            key={key}
            color={blocking ? 'red' : 'orange'}
            mb="md"
            withCloseButton={!blocking}
            closeButtonLabel={t('actions.dismiss')}
            onClose={() => setDismissed((d) => [...d, key])}
            title={t(TEXT[notice.code].title)}
            classNames={{ title: 'notice-title' }}
            role={blocking ? 'alert' : 'status'}
          >
            <Text size="sm">{t(notice.reason === 'read_only' ? 'notices.backup_skipped_read_only_body' : TEXT[notice.code].body, { file: notice.file })}</Text>
            {notice.code === 'records_corrupt' && (
              <RestoreNewest
                onDone={(text) => {
                  setRestored(text);
                  setDismissed((d) => [...d, ...info.notices.filter((n) => n.code === 'records_corrupt').map((n) => `${n.code}:${n.file}`)]);
                }}
              />
            )}
          </Alert>
        );
      })}
    </>
  );
}

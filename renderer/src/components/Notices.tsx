import { Alert, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../state';

/** What the core found at start-up and the user must hear about (a settings file set aside…). */
export function Notices() {
  const { t } = useTranslation();
  const { info } = useAppState();
  const [dismissed, setDismissed] = useState<string[]>([]);
  const visible = info.notices.filter((n) => !dismissed.includes(n.file));
  if (visible.length === 0) return null;
  return (
    <>
      {visible.map((notice) => (
        <Alert
          key={notice.file}
          color="orange"
          classNames={{ title: 'notice-title' }}
          mb="md"
          withCloseButton
          closeButtonLabel={t('actions.dismiss')}
          onClose={() => setDismissed((d) => [...d, notice.file])}
          title={t('notices.settings_corrupt_title')}
          role="status"
        >
          <Text size="sm">
            {t('notices.settings_corrupt_body', { file: notice.file })}
          </Text>
        </Alert>
      ))}
    </>
  );
}

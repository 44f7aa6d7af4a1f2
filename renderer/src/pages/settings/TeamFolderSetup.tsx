import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/team/format';
import { useFieldErrorText } from '../../text/errors';
import { useAppState } from '../../api/state';
import { PassphraseFields, passphraseProblems } from './PassphraseFields';
import { configureIssues, useTeamErrorText } from './teamText';

type Field = 'folder' | 'passphrase' | 'repeat';

/** An absolute path on Windows (C:\…, \\server\share) or elsewhere (/…). */
const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** Not kept in step yet: what a team folder is, and choosing one (and the team passphrase). */
export function TeamFolderSetup(props: { onConfigured(status: SyncStatus): void }) {
  const { t } = useTranslation('settings');
  const { api, info } = useAppState();
  const fieldError = useFieldErrorText();
  const teamErrorText = useTeamErrorText();
  const [folder, setFolder] = useState('');
  const [protect, setProtect] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The system's folder picker exists in the desktop app only (a web page cannot learn a path).
  const desktop = info.host === 'electron';
  const choose = async () => {
    try {
      const picked = await api.call('sync.chooseFolder', {});
      if (picked.folder) {
        setFolder(picked.folder);
        setErrors((found) => ({ ...found, folder: undefined }));
      }
    } catch (error) {
      setFailure(teamErrorText(error));
    }
  };

  const start = async () => {
    const chosen = folder.trim();
    const found: Partial<Record<Field, string>> = {};
    if (!chosen) found.folder = 'errors:validation.required';
    else if (!ABSOLUTE.test(chosen)) found.folder = 'settings:team.folderAbsolute';
    if (protect) Object.assign(found, passphraseProblems(passphrase, repeat));
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      props.onConfigured(
        await api.call('sync.configure', { folder: chosen, ...(protect ? { passphrase } : {}) }),
      );
    } catch (error) {
      const atFields = configureIssues(error);
      // The team's files are protected and no passphrase was given: show where to give it.
      if (atFields.passphrase && !protect) setProtect(true);
      setErrors(atFields);
      if (Object.keys(atFields).length === 0) setFailure(teamErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('team.intro')}</Text>
        <Text size="sm">{t('team.introPrivacy')}</Text>
        <TextInput
          label={t('team.folder')}
          description={t(desktop ? 'team.folderHintDesktop' : 'team.folderHint')}
          value={folder}
          onChange={(event) => setFolder(event.currentTarget.value)}
          error={fieldError(errors.folder)}
          required
          dir="ltr"
          spellCheck={false}
          autoComplete="off"
          className="path"
          inputContainer={(input) =>
            desktop ? (
              <Group gap="xs" wrap="nowrap">
                <div style={{ flex: 1 }}>{input}</div>
                <Button variant="default" onClick={() => void choose()}>
                  {t('team.choose')}
                </Button>
              </Group>
            ) : (
              input
            )
          }
        />
        <Checkbox
          label={t('team.protect')}
          description={t('team.protectHint')}
          checked={protect}
          onChange={(event) => setProtect(event.currentTarget.checked)}
        />
        {protect && (
          <Stack gap="sm" maw={420}>
            <PassphraseFields
              label={t('team.passphrase')}
              passphrase={passphrase}
              repeat={repeat}
              onPassphrase={setPassphrase}
              onRepeat={setRepeat}
              errors={errors}
            />
          </Stack>
        )}
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t('team.start')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

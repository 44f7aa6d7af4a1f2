import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/team/format';
import { useFieldErrorText } from '../../text/errors';
import { useAppState } from '../../api/state';
import { PassphraseFields, passphraseProblems } from './PassphraseFields';
import { configureIssues, useTeamErrorText } from './teamText';

/**
 * The team passphrase changed (another member changed it, or it is being changed here): the new
 * one, given once by every member. The core checks it against the team's newest file first.
 */
export function TeamPassphraseForm(props: {
  folder: string;
  onChanged(status: SyncStatus): void;
  onCancel(): void;
}) {
  const { t } = useTranslation(['settings', 'common']);
  const { api } = useAppState();
  const fieldError = useFieldErrorText();
  const teamErrorText = useTeamErrorText();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ passphrase?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const found = passphraseProblems(passphrase, repeat);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      props.onChanged(await api.call('sync.configure', { folder: props.folder, passphrase }));
    } catch (error) {
      const atFields = configureIssues(error);
      // A refusal about the folder is not this form's to fix: said above the buttons.
      if (atFields.passphrase) setErrors({ passphrase: atFields.passphrase });
      else setFailure(atFields.folder ? (fieldError(atFields.folder) ?? null) : teamErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm" maw={420}>
        <Text size="sm">{t('team.changePassphraseHint')}</Text>
        <PassphraseFields
          label={t('team.newPassphrase')}
          passphrase={passphrase}
          repeat={repeat}
          onPassphrase={setPassphrase}
          onRepeat={setRepeat}
          errors={errors}
          autoFocus
        />
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t('team.savePassphrase')}
          </Button>
          <Button variant="default" onClick={props.onCancel} disabled={busy}>
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Alert, Button, Group, List, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/team/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ResultAlert, type Result } from '../../components/ResultAlert';
import { useAppState } from '../../api/state';
import { TeamMembers } from './TeamMembers';
import { TeamPassphraseForm } from './TeamPassphraseForm';
import { useTeamErrorText, useTeamProblemText, useWhen } from './teamText';

const STATE_KEYS = {
  off: 'team.state_off',
  idle: 'team.state_idle',
  syncing: 'team.state_syncing',
  problem: 'team.state_problem',
} as const satisfies Record<SyncStatus['state'], string>;

/** Kept in step with a team folder: where, how it went, who is in it, and the two actions. */
export function TeamFolderStatus(props: { status: SyncStatus; onChange(status: SyncStatus): void }) {
  const { status } = props;
  const { t } = useTranslation(['settings', 'common']);
  const { api } = useAppState();
  const when = useWhen();
  const teamErrorText = useTeamErrorText();
  const problemText = useTeamProblemText();
  const [busy, setBusy] = useState<'sync' | 'stop' | null>(null);
  const [result, setResult] = useState<Result>(null);
  const [confirmStop, setConfirmStop] = useState(false);
  const [changingPassphrase, setChangingPassphrase] = useState(false);
  // The team's files are sealed, or some could not be opened: the passphrase may have changed.
  const passphraseTrouble = status.problems.some(
    (p) =>
      p.code === 'needs_passphrase' ||
      p.code === 'wrong_passphrase' ||
      p.bundle?.code === 'needs_passphrase' ||
      p.bundle?.code === 'wrong_passphrase',
  );

  const moment = (iso: string | null) => {
    if (!iso) return t('team.never');
    const { text, absolute } = when(iso);
    return (
      <time dateTime={iso} title={absolute}>
        {text}
      </time>
    );
  };

  const syncNow = async () => {
    setBusy('sync');
    setResult(null);
    try {
      const round = await api.call('sync.now', {});
      props.onChange(round.status);
      setResult({
        tone: 'ok',
        text:
          round.changed === 0 && round.published === 0
            ? t('team.upToDate')
            : t('team.roundDone', {
                received: t('team.received', { count: round.changed }),
                published: t('team.published', { count: round.published }),
              }),
      });
    } catch (error) {
      setResult({ tone: 'error', text: teamErrorText(error) });
    } finally {
      setBusy(null);
    }
  };

  const stop = async () => {
    setConfirmStop(false);
    setBusy('stop');
    setResult(null);
    try {
      props.onChange(await api.call('sync.configure', { folder: null }));
    } catch (error) {
      setResult({ tone: 'error', text: teamErrorText(error) });
      setBusy(null);
    }
  };

  return (
    <Stack gap="md">
      <Table variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={180}>{t('team.folder')}</Table.Th>
            <Table.Td dir="ltr" className="path">
              {status.folder}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('team.protection')}</Table.Th>
            <Table.Td>{t(status.encrypted ? 'team.encrypted' : 'team.notEncrypted')}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('team.state')}</Table.Th>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                {status.state === 'syncing' && <Loader size="xs" aria-hidden />}
                <Text
                  span
                  size="sm"
                  c={status.state === 'problem' ? 'red.9' : undefined}
                  fw={status.state === 'problem' ? 600 : undefined}
                >
                  {t(STATE_KEYS[status.state])}
                </Text>
              </Group>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('team.lastSync')}</Table.Th>
            <Table.Td>{moment(status.lastSync)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('team.lastChange')}</Table.Th>
            <Table.Td>{moment(status.lastChange)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>

      {status.problems.length > 0 && (
        <Alert color="red" title={t('team.problemsTitle')}>
          <List spacing="xs" size="sm">
            {status.problems.map((problem, index) => {
              const { sentence, reason } = problemText(problem);
              return (
                <List.Item key={`${problem.code}-${problem.file ?? ''}-${index}`}>
                  <Text size="sm">{sentence}</Text>
                  {problem.file && (
                    <Text size="sm">
                      {t('team.problemFile')}{' '}
                      <Text span dir="ltr" className="path" ff="monospace" size="sm">
                        {problem.file}
                      </Text>
                    </Text>
                  )}
                  {reason && <Text size="sm">{reason}</Text>}
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}

      <Title order={3} size="h5">
        {t('team.members')}
      </Title>
      <TeamMembers members={status.members} moment={moment} />

      <ResultAlert result={result} />
      <Group>
        <Button onClick={() => void syncNow()} loading={busy === 'sync'} disabled={busy === 'stop'}>
          {t('team.syncNow')}
        </Button>
        <Button
          variant="default"
          onClick={() => setConfirmStop(true)}
          loading={busy === 'stop'}
          disabled={busy === 'sync'}
        >
          {t('team.stop')}
        </Button>
        {(status.encrypted || passphraseTrouble) && !changingPassphrase && (
          <Button variant="subtle" onClick={() => setChangingPassphrase(true)} disabled={busy !== null}>
            {t('team.changePassphrase')}
          </Button>
        )}
      </Group>
      {changingPassphrase && status.folder && (
        <Paper withBorder p="md" radius="md">
          <TeamPassphraseForm
            folder={status.folder}
            onCancel={() => setChangingPassphrase(false)}
            onChanged={(next) => {
              setChangingPassphrase(false);
              props.onChange(next);
              setResult({ tone: 'ok', text: t('team.passphraseChanged') });
            }}
          />
        </Paper>
      )}
      <ConfirmDialog
        opened={confirmStop}
        title={t('team.stopTitle')}
        body={t('team.stopBody')}
        cancelLabel={t('common:actions.cancel')}
        confirmLabel={t('team.stop')}
        onCancel={() => setConfirmStop(false)}
        onConfirm={() => void stop()}
      />
    </Stack>
  );
}

import type { RequestOf } from '../../../../shared/api/contract';
import { Alert, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictView, RecordView, VersionView } from '../../../../shared/records/codec';
import { wordDiff } from '../../../../shared/sync/word-diff';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { isolate } from '../../text/bidi';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useRecordsChanged } from '../../hooks/useRecordsChanged';
import { useAppState } from '../../api/state';

/** A side's text, with what it changed compared with the version shown marked word by word. */
function Value({ record, field, version, against }: { record: RecordView; field: string; version: VersionView; against?: VersionView }) {
  const text = useRecordText();
  const shown = text.value(record.kind, field, version.value);
  // Word marks only for prose (texts kept per language); a status or a date is shown as its words.
  const prose = field.includes('@');
  if (!prose || !against || typeof version.value !== 'string' || typeof against.value !== 'string') {
    return (
      <Text className="conflict-value" dir="auto">
        {shown}
      </Text>
    );
  }
  return (
    <Text className="conflict-value" dir="auto">
      {wordDiff(against.value, version.value).map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={i}>{part.text}</ins>
        ) : (
          <del key={i}>{part.text}</del>
        ),
      )}
    </Text>
  );
}

function EditConflict({ record, conflict, onResolved }: { record: RecordView; conflict: ConflictView; onResolved(): void }) {
  const { t, i18n } = useTranslation('pages');
  const { api } = useAppState();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const [writing, setWriting] = useState(false);
  const [merged, setMerged] = useState('');
  const [error, setError] = useState<string | null>(null);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const first = conflict.versions[0]!;
  const isText = conflict.versions.every((v) => typeof v.value === 'string');
  const resolve = (choice: RequestOf<'conflicts.resolve'>['choice']) =>
    api.call('conflicts.resolve', { id: record.id, field: conflict.field, choice }).then(onResolved, (e: unknown) => setError(apiErrorText(e)));
  const fieldLabel = text.field(conflict.field);
  return (
    <Stack gap="sm">
      <Text fw={600}>{fieldLabel}</Text>
      <SimpleGrid cols={{ base: 1, md: Math.min(conflict.versions.length, 3) }}>
        {conflict.versions.map((version, index) => (
          <Card key={`${version.dot.r}:${version.dot.c}`} withBorder padding="md" component="article" aria-label={t('conflicts.side', { by: isolate(version.by || '—'), date: isolate(date.format(new Date(version.at))) })}>
            <Group justify="space-between" mb="xs">
              <Text size="sm" fw={600} dir="auto">
                {t('conflicts.side', { by: isolate(version.by || '—'), date: isolate(date.format(new Date(version.at))) })}
              </Text>
              {index === 0 && <Badge variant="filled" color="gray.8">{t('conflicts.shown')}</Badge>}
            </Group>
            <Value record={record} field={conflict.field} version={version} against={index === 0 ? undefined : first} />
            <Button mt="md" variant="light" leftSection={<IconCheck size={16} aria-hidden />} onClick={() => void resolve({ take: version.dot })}>
              {t('conflicts.keep')}
            </Button>
          </Card>
        ))}
      </SimpleGrid>
      {isText && !writing && (
        <Group>
          <Button
            variant="default"
            onClick={() => {
              setMerged(String(first.value));
              setWriting(true);
            }}
          >
            {t('conflicts.writeMerged')}
          </Button>
        </Group>
      )}
      {writing && (
        <Stack gap="xs">
          <Textarea label={t('conflicts.mergedLabel', { field: fieldLabel })} value={merged} onChange={(e) => setMerged(e.currentTarget.value)} autosize minRows={3} dir="auto" />
          <Group>
            <Button onClick={() => void resolve({ value: merged })}>{t('conflicts.saveMerged')}</Button>
            <Button variant="default" onClick={() => setWriting(false)}>
              {t('conflicts.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

function DeleteConflict({ record, conflict, onResolved }: { record: RecordView; conflict: ConflictView; onResolved(): void }) {
  const { t, i18n } = useTranslation('pages');
  const { api } = useAppState();
  const apiErrorText = useApiErrorText();
  const [error, setError] = useState<string | null>(null);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const [deletion, ...edits] = conflict.versions;
  const editors = [...new Set(edits.map((e) => e.by || '—'))].join(', ');
  const resolve = (take: VersionView) =>
    api.call('conflicts.resolve', { id: record.id, field: '_deleted', choice: { take: take.dot } }).then(onResolved, (e: unknown) => setError(apiErrorText(e)));
  return (
    <Stack gap="sm">
      <Text>{t('conflicts.deleted', { by: isolate(deletion!.by || '—'), date: isolate(date.format(new Date(deletion!.at))), editors: isolate(editors) })}</Text>
      <Group>
        <Button variant="light" onClick={() => void resolve(edits[0]!)}>
          {t('conflicts.restore')}
        </Button>
        <Button variant="default" color="red" onClick={() => void resolve(deletion!)}>
          {t('conflicts.keepDeleted')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

/** Every open edit conflict, side by side: who wrote each side and when; keep one, or write a merge. */
export function ConflictsPage() {
  const { t } = useTranslation('pages');
  const { api } = useAppState();
  const text = useRecordText();
  const [records, setRecords] = useState<RecordView[] | null>(null);
  const [done, setDone] = useState(false);
  const load = useCallback(() => {
    api.call('conflicts.list', {}).then(setRecords, () => setRecords([]));
  }, [api]);
  useEffect(load, [load]);
  useRecordsChanged('any', load);
  // The list and the badge follow from the core's change event.
  const resolved = () => setDone(true);
  return (
    <>
      <PageHeader title={t('conflicts.title')} subtitle={records && records.length > 0 ? t('conflicts.intro') : undefined} />
      {done && (
        <Alert color="teal" mb="md" role="status" classNames={{ message: 'notice-title' }} withCloseButton closeButtonLabel={t('actions.dismiss', { ns: 'common' })} onClose={() => setDone(false)}>
          {t('conflicts.resolved')}
        </Alert>
      )}
      {records && records.length === 0 && <EmptyState icon={IconCheck} title={t('conflicts.emptyTitle')} body={t('conflicts.emptyBody')} />}
      <Stack gap="lg" maw={1100}>
        {records?.map((record) => (
          <Paper key={record.id} withBorder p="lg" radius="md" component="section">
            <Group gap="sm" mb="md">
              <Title order={2} size="h4" dir="auto">
                {text.title(record.fields)}
              </Title>
              <Badge variant="outline" color="gray.8">
                {text.kind(record.kind)}
              </Badge>
            </Group>
            <Stack gap="xl">
              {record.conflicts.map((conflict) =>
                conflict.kind === 'delete' ? (
                  <DeleteConflict key={conflict.field} record={record} conflict={conflict} onResolved={resolved} />
                ) : (
                  <EditConflict key={conflict.field} record={record} conflict={conflict} onResolved={resolved} />
                ),
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

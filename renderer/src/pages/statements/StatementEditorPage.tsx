import { DateField } from '../../components/DateField';
import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconFileText, IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { DEFAULT_TARGET_WORDS } from '../../../../shared/documents/word-count';
import { LANGUAGES, type Language } from '../../../../shared/i18n/languages';
import type { RecordView } from '../../../../shared/records/codec';
import { INPUT_STATUSES, INPUT_TYPES } from '../../../../shared/records/kinds';
import type { Multilingual } from '../../../../shared/records/text';
import { contentLanguage, editLanguage, languageOf } from '../../../../shared/records/text-version';
import { BackLink } from '../../components/BackLink';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { SaveStatusText } from '../../components/SaveStatusText';
import { ExportDocumentButton } from '../../components/ExportDocumentDialog';
import { Section } from '../../components/Section';
import { UnsavedGuard } from '../../components/UnsavedGuard';
import { recordOf, useRecordForm } from '../../hooks/useRecordForm';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useApi } from '../../hooks/useApi';
import { OneRecord } from '../../components/OneRecord';
import { GuidingQuestions } from './GuidingQuestions';
import { useStatementLinks } from './links';
import type { DeletedStatement } from './StatementsPage';
import { VersionColumns, type StatementValues } from './VersionColumns';
import './statements.css';

const FIELDS = [
  'type',
  'title',
  'author',
  'delegation',
  'addressee',
  'meetingId',
  'napId',
  'deadline',
  'status',
  'targetWords',
  'body',
] as const;

/** One statement, reopened and edited where it was left; a clear word when it is gone. */
export function StatementEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('statements');
  return (
    <OneRecord
      key={id}
      id={id}
      gone={{
        title: t('editor.goneTitle'),
        body: t('editor.goneBody'),
        back: t('editor.back'),
        backTo: '/statements',
        restore: t('editor.restore'),
      }}
    >
      {(record) => <StatementForm key={record.id} record={record} />}
    </OneRecord>
  );
}

/** The languages a statement is written in: the versions its title or text has, in the UN order. */
function versionsOf(record: RecordView, uiLanguage: string): Language[] {
  const title = (record.fields.title ?? null) as Multilingual | null;
  const body = (record.fields.body ?? null) as Multilingual | null;
  const present = LANGUAGES.filter((l) => title?.[l] || body?.[l]);
  return present.length > 0 ? present : [editLanguage(null, uiLanguage)];
}

function StatementForm({ record }: { record: RecordView }) {
  const { t, i18n } = useTranslation('statements');
  const api = useApi();
  const navigate = useNavigate();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const links = useStatementLinks();
  const editor = useRecordForm(recordOf(record, 'input'), FIELDS);
  const { form, status, flush, error } = editor;
  const control = form.control;
  const [languages, setLanguages] = useState<Language[]>(() => versionsOf(record, i18n.language));
  const [added, setAdded] = useState<Language | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // Ctrl+S saves from inside a field too (where the person is typing), which keeps the focus.
  useHotkeys([['mod+S', () => void flush()]], []);

  const title = useWatch({ control, name: 'title' });
  const type = useWatch({ control, name: 'type' });
  const meetingId = useWatch({ control, name: 'meetingId' });
  const targetWords = useWatch({ control, name: 'targetWords' });
  const heading = text.title({ title: (title ?? null) as Multilingual | null });
  const meeting = typeof meetingId === 'string' ? (links.byId.get(meetingId) ?? null) : null;

  const remove = async () => {
    setConfirmDelete(false);
    editor.setFailure(null);
    try {
      await flush();
      await api.call('records.delete', { id: record.id });
      const state: DeletedStatement = { deleted: { id: record.id, title: heading } };
      void navigate('/statements', { state });
    } catch (e) {
      editor.setFailure(apiErrorText(e));
    }
  };

  return (
    <>
      <BackLink to="/statements" label={t('editor.back')} />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div className="statement-heading">
          <PageHeader title={heading} subtitle={type ? text.value('input', 'type', type) : undefined} />
        </div>
        <Stack gap={4} align="flex-end">
          <SaveStatusText status={status} />
          <Group gap="xs" className="statement-actions">
            <ExportDocumentButton
              type="statement"
              id={record.id}
              prepare={flush}
              defaultLanguage={contentLanguage('input', record.fields, i18n.language) ?? languageOf(i18n.language) ?? 'en'}
            />
            <Button
              variant="default"
              size="xs"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={() => setConfirmDelete(true)}
            >
              {t('editor.delete')}
            </Button>
          </Group>
        </Stack>
      </Group>
      {editor.failure && (
        <Alert color="red" role="alert" mb="md">
          {editor.failure}
        </Alert>
      )}
      {/* Text, questions, details: the questions beside the text on a wide window, under it on a narrow one. */}
      <div className="statement-layout">
        <div className="statement-text">
          <Section title={t('editor.text')} icon={<IconFileText size={20} aria-hidden />}>
            <VersionColumns
              control={control}
              languages={languages}
              added={added}
              onAdd={(l) => {
                setLanguages((list) => LANGUAGES.filter((x) => x === l || list.includes(x)));
                setAdded(l);
              }}
              target={typeof targetWords === 'number' ? targetWords : DEFAULT_TARGET_WORDS}
              error={error}
            />
          </Section>
        </div>
        <div className="statement-side">
          <GuidingQuestions key={meeting?.id ?? 'none'} meeting={meeting} />
        </div>
        <div className="statement-details">
          <Section title={t('editor.details')} icon={<IconInfoCircle size={20} aria-hidden />}>
            <Details
              control={control}
              error={error}
              meetingOptions={links.meetingOptions}
              napOptions={links.napOptions}
            />
          </Section>
        </div>
      </div>
      <ConfirmDialog
        opened={confirmDelete}
        title={t('editor.deleteTitle')}
        body={t('editor.deleteBody')}
        cancelLabel={t('editor.keep')}
        confirmLabel={t('editor.delete')}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => void remove()}
      />
      <UnsavedGuard dirty={editor.unsaved} save={flush} />
    </>
  );
}

type Options = { value: string; label: string }[];

/** Who writes to whom, for what, by when, how far along: the statement's fields besides its text. */
function Details(props: {
  control: Control<StatementValues>;
  error(name: string): string | undefined;
  meetingOptions: Options;
  napOptions: Options;
}) {
  const { t } = useTranslation('statements');
  const text = useRecordText();
  const { control, error } = props;
  const line = (name: 'author' | 'delegation' | 'addressee') => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <TextInput
          label={text.field(name)}
          dir="auto"
          value={field.value ?? ''}
          onChange={(e) => field.onChange(e.currentTarget.value)}
          onBlur={field.onBlur}
          error={error(name)}
        />
      )}
    />
  );
  const choice = (name: 'type' | 'status', data: Options) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          label={text.field(name)}
          data={data}
          value={field.value ?? null}
          onChange={(v) => field.onChange(v)}
          allowDeselect={false}
          error={error(name)}
        />
      )}
    />
  );
  const link = (name: 'meetingId' | 'napId', label: string, data: Options, placeholder: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          label={label}
          data={data}
          value={field.value ?? null}
          onChange={(v) => field.onChange(v)}
          placeholder={placeholder}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('editor.clear', { field: label }) }}
          nothingFoundMessage={t('new.nothingFound')}
          error={error(name)}
        />
      )}
    />
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {choice(
          'type',
          INPUT_TYPES.map((v) => ({ value: v, label: text.value('input', 'type', v) })),
        )}
        {choice(
          'status',
          INPUT_STATUSES.map((v) => ({ value: v, label: text.value('input', 'status', v) })),
        )}
        {line('author')}
        {line('delegation')}
        {line('addressee')}
        <Controller
          control={control}
          name="deadline"
          render={({ field }) => (
            <DateField label={text.field('deadline')} value={field.value ?? null} onChange={field.onChange} onBlur={field.onBlur} error={error('deadline')} />
          )}
        />
        {link('meetingId', t('editor.meeting'), props.meetingOptions, t('new.noMeeting'))}
        {link('napId', text.field('napId'), props.napOptions, t('editor.noNap'))}
        <Controller
          control={control}
          name="targetWords"
          render={({ field }) => (
            <NumberInput
              label={text.field('targetWords')}
              description={t('editor.targetHint', { number: DEFAULT_TARGET_WORDS })}
              value={field.value ?? ''}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
              onBlur={field.onBlur}
              error={error('targetWords')}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              hideControls
            />
          )}
        />
      </SimpleGrid>
    </Stack>
  );
}

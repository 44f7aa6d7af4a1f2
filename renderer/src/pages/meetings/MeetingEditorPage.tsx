import { Alert, Button, Group, Stack } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import {
  IconChecklist,
  IconListNumbers,
  IconNotes,
  IconTrash,
  IconUsers,
  IconInfoCircle,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useController, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { systemTimeZone } from '../../../../shared/meetings/datetime';
import type { RecordView } from '../../../../shared/records/codec';
import { MEETING_TYPES } from '../../../../shared/records/kinds';
import type { FormValues } from '../../../../shared/records/form-values';
import { contentLanguage, languageOf } from '../../../../shared/records/text-version';
import { ExportDocumentButton } from '../../components/ExportDocumentDialog';
import type { RescheduleResponse } from '../../../../shared/records/workflows';
import type { Multilingual } from '../../../../shared/records/text';
import type { Language } from '../../../../shared/i18n/languages';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MlField, SelectField } from '../../components/form/fields';
import { RecordFormProvider } from '../../components/form/RecordFormContext';
import { PageHeader } from '../../components/PageHeader';
import { BackLink } from '../../components/BackLink';
import { SaveStatusText } from '../../components/SaveStatusText';
import { Section } from '../../components/Section';
import { UnsavedGuard } from '../../components/UnsavedGuard';
import { recordOf, useRecordForm } from '../../hooks/useRecordForm';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { ActionPointDrawer } from '../actions/ActionPointDrawer';
import { ActionPointsSection, type Heading } from './ActionPointsSection';
import { AgendaField, type AgendaItem } from './AgendaField';
import { useApi } from '../../hooks/useApi';
import { useById, useRecords } from '../../hooks/useRecords';
import { LoadState } from '../../components/LoadState';
import { OneRecord } from '../../components/OneRecord';
import { NotesField } from './NotesField';
import { PeopleField, type Person } from './PeopleField';
import { RescheduleDialog } from './RescheduleDialog';
import { WhenFields } from './WhenFields';

type Values = FormValues<'meeting', (typeof FIELDS)[number]>;
const FIELDS = [
  'title',
  'type',
  'start',
  'end',
  'timeZone',
  'place',
  'online',
  'chairs',
  'participants',
  'agenda',
  'notes',
  'decisions',
  'guidingQuestions',
  'actionHeadings',
] as const;

/** One meeting: loaded once (the form then owns it), with a clear word when it is gone. */
export function MeetingEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('meetings');
  return (
    <OneRecord
      id={id}
      gone={{
        title: t('editor.goneTitle'),
        body: t('editor.goneBody'),
        back: t('editor.back'),
        backTo: '/meetings',
        restore: t('editor.restore'),
      }}
    >
      {(meeting) => <MeetingForm key={meeting.id} meeting={meeting} />}
    </OneRecord>
  );
}

/** The fields edited by the screen's own parts (dates, people, agenda, notes, headings). */
function useFields(control: Control<Values>) {
  return {
    start: useController({ control, name: 'start' }).field,
    end: useController({ control, name: 'end' }).field,
    timeZone: useController({ control, name: 'timeZone' }).field,
    place: useController({ control, name: 'place' }).field,
    online: useController({ control, name: 'online' }).field,
    chairs: useController({ control, name: 'chairs' }).field,
    participants: useController({ control, name: 'participants' }).field,
    agenda: useController({ control, name: 'agenda' }).field,
    actionHeadings: useController({ control, name: 'actionHeadings' }).field,
  };
}

/**
 * A long text of the meeting, bound to its form field in a component of its own: a keystroke in a
 * 50-page note re-renders this field only, not the whole meeting.
 */
function ProseField(props: {
  control: Control<Values>;
  name: 'notes' | 'decisions' | 'guidingQuestions';
  label: string;
  initial: unknown;
  error?: string;
  rows?: number;
  contentLanguage: Language | null;
  'data-testid'?: string;
}) {
  const { field } = useController({ control: props.control, name: props.name });
  return (
    <NotesField
      label={props.label}
      initial={props.initial as Multilingual | null}
      onChange={(v) => field.onChange(v)}
      error={props.error}
      rows={props.rows}
      contentLanguage={props.contentLanguage}
      data-testid={props['data-testid']}
    />
  );
}

function MeetingForm({ meeting }: { meeting: RecordView }) {
  const { t, i18n } = useTranslation('meetings');
  const api = useApi();
  const navigate = useNavigate();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const contacts = useRecords('contact', { includeDeleted: true });
  const contactsById = useById(contacts.data);
  const liveContacts = (contacts.data ?? []).filter((c) => !c.deleted);
  const actions = useRecords('action', { where: { meetingId: meeting.id } });
  const meetings = useRecords('meeting');
  const napActions = useRecords('nap.action');
  const [open, setOpen] = useState<RecordView | null>(null);
  const [changes, setChanges] = useState<RescheduleResponse['changes'] | null>(null);
  const [moving, setMoving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const hasTemplateSteps = (actions.data ?? []).some((ap) => ap.fields.templateStep);

  const editor = useRecordForm(recordOf(meeting, 'meeting'), FIELDS, {
    // Checked when saved, then as typed: a keystroke in a long note does not check the whole meeting first.
    validate: 'onSubmit',
    async onSaved(changed) {
      // A meeting moved: the dates its template steps were given may follow it.
      if (changed.start && hasTemplateSteps) {
        const proposal = await api.call('meetings.reschedule', { meetingId: meeting.id, apply: false });
        if (proposal.changes.length > 0) setChanges(proposal.changes);
      }
    },
  });
  const { form, status, flush, error, failure, setFailure } = editor;
  // An empty text of the meeting is written in the language of its other texts.
  const content = contentLanguage('meeting', meeting.fields, i18n.language);
  // Ctrl+S saves from inside a field too (where the person is typing), which keeps the focus.
  useHotkeys([['mod+S', () => void flush()]], []);

  const moveDates = async () => {
    setMoving(true);
    try {
      await api.call('meetings.reschedule', { meetingId: meeting.id, apply: true });
      setChanges(null);
    } catch (error) {
      setFailure(apiErrorText(error));
    } finally {
      setMoving(false);
    }
  };

  const remove = async () => {
    setConfirmDelete(false);
    try {
      await api.call('records.delete', { id: meeting.id });
      void navigate('/meetings');
    } catch (error) {
      setFailure(apiErrorText(error));
    }
  };

  // Before an export or a new action point: what was typed is saved first.
  const prepare = async () => void (await flush());
  const title = form.watch('title');
  const type = form.watch('type');
  // Each part edits its field as a user change (so autosave and the unsaved guard see it);
  // the dates are checked together at once (an end before the start is said at the field).
  const fields = useFields(form.control);
  const set = (name: keyof typeof fields, value: unknown) => {
    fields[name].onChange(value);
    if (name === 'start' || name === 'end') void form.trigger(['start', 'end']);
  };
  // The meeting as saved so far (the procedure steps are computed by the core from the saved record).
  const meetingNow: RecordView = {
    ...meeting,
    fields: {
      ...meeting.fields,
      start: fields.start.value ?? null,
      timeZone: fields.timeZone.value ?? null,
      type: type ?? null,
    } as RecordView['fields'],
  };

  return (
    <RecordFormProvider value={editor} contentLanguage={content}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <BackLink to="/meetings" label={t('editor.back')} />
          <PageHeader
            title={text.title({ title: title ?? {} })}
            subtitle={type ? text.value('meeting', 'type', type) : undefined}
          />
        </div>
        <Stack gap={4} align="flex-end">
          <SaveStatusText status={status} />
          <Group gap="xs" justify="flex-end">
            <ExportDocumentButton
              type="chair-summary"
              id={meeting.id}
              prepare={prepare}
              defaultLanguage={
                contentLanguage('meeting', meeting.fields, i18n.language) ?? languageOf(i18n.language) ?? 'en'
              }
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
      {failure && (
        <Alert color="red" role="alert" mb="md">
          {failure}
        </Alert>
      )}
      <Stack gap="lg" maw={1200}>
        <Section title={t('editor.details')} icon={<IconInfoCircle size={20} aria-hidden />}>
          <Stack gap="md">
            <MlField name="title" />
            <SelectField
              name="type"
              data={MEETING_TYPES.map((v) => ({ value: v, label: text.value('meeting', 'type', v) }))}
              maw={420}
            />
            <WhenFields
              value={{
                start: form.getValues('start') ?? null,
                end: form.getValues('end') ?? null,
                timeZone: form.getValues('timeZone') ?? systemTimeZone(),
              }}
              onChange={(next) => {
                set('start', next.start);
                set('end', next.end);
                set('timeZone', next.timeZone);
              }}
              online={!!fields.online.value}
              onOnlineChange={(v) => set('online', v)}
              place={fields.place.value ?? ''}
              onPlaceChange={(v) => set('place', v)}
              errors={{
                start: error('start'),
                end: error('end'),
                timeZone: error('timeZone'),
                place: error('place'),
              }}
            />
          </Stack>
        </Section>
        <Section title={t('editor.people')} icon={<IconUsers size={20} aria-hidden />}>
          <Stack gap="lg">
            <PeopleField
              label={text.field('chairs')}
              addLabel={t('people.addChair')}
              organisations
              value={(fields.chairs.value ?? []) as Person[]}
              onChange={(next) => set('chairs', next)}
              contacts={liveContacts}
              byId={contactsById}
            />
            <PeopleField
              label={text.field('participants')}
              addLabel={t('people.addParticipant')}
              value={(fields.participants.value ?? []) as Person[]}
              onChange={(next) => set('participants', next)}
              contacts={liveContacts}
              byId={contactsById}
            />
          </Stack>
        </Section>
        <Section title={text.field('agenda')} icon={<IconListNumbers size={20} aria-hidden />}>
          <AgendaField
            label={text.field('agenda')}
            value={(fields.agenda.value ?? []) as AgendaItem[]}
            onChange={(next) => set('agenda', next)}
          />
        </Section>
        <Section title={t('editor.notes')} icon={<IconNotes size={20} aria-hidden />}>
          <Stack gap="lg">
            <ProseField
              control={form.control}
              name="notes"
              label={text.field('notes')}
              initial={meeting.fields.notes}
              contentLanguage={content}
              error={error('notes', true)}
              data-testid="meeting-notes"
            />
            <ProseField
              control={form.control}
              name="decisions"
              label={text.field('decisions')}
              initial={meeting.fields.decisions}
              contentLanguage={content}
              error={error('decisions', true)}
              rows={6}
            />
            <ProseField
              control={form.control}
              name="guidingQuestions"
              label={text.field('guidingQuestions')}
              initial={meeting.fields.guidingQuestions}
              contentLanguage={content}
              error={error('guidingQuestions', true)}
              rows={6}
            />
          </Stack>
        </Section>
        <Section title={t('points.title')} icon={<IconChecklist size={20} aria-hidden />}>
          {actions.data === null || contacts.data === null ? (
            <LoadState
              error={actions.error ?? contacts.error}
              onRetry={() => (actions.reload(), contacts.reload())}
            />
          ) : (
            <ActionPointsSection
              meeting={meetingNow}
              headings={(fields.actionHeadings.value ?? []) as Heading[]}
              onHeadingsChange={(next) => set('actionHeadings', next)}
              actions={actions.data}
              contacts={liveContacts}
              contactsById={contactsById}
              onOpen={setOpen}
              prepare={prepare}
            />
          )}
        </Section>
      </Stack>
      <ActionPointDrawer
        ap={open}
        onClose={() => setOpen(null)}
        contacts={liveContacts}
        contactsById={contactsById}
        meetings={meetings.data ?? []}
        napActions={napActions.data ?? []}
      />
      <RescheduleDialog
        changes={changes}
        busy={moving}
        onMove={() => void moveDates()}
        onKeep={() => setChanges(null)}
      />
      <ConfirmDialog
        opened={confirmDelete}
        title={t('editor.deleteTitle')}
        body={t('editor.deleteBody')}
        cancelLabel={t('editor.keepMeeting')}
        confirmLabel={t('editor.delete')}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => void remove()}
      />
      <UnsavedGuard dirty={editor.unsaved} save={flush} />
    </RecordFormProvider>
  );
}

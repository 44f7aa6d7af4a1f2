import { DialogButtons } from '../../components/DialogButtons';
import { DateField } from '../../components/DateField';
import { Alert, Drawer, Group, NumberInput, Select, Stack, TextInput, useDirection } from '@mantine/core';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../../shared/records/codec';
import { ACTION_POINT_STATUSES, PRIORITIES } from '../../../../shared/records/kinds';
import { contentLanguage } from '../../../../shared/records/text-version';
import { headingFromTyped, headingShown } from '../../../../shared/meetings/numbering';
import { MultilingualInput } from '../../components/MultilingualInput';
import { recordOf, useRecordForm } from '../../hooks/useRecordForm';
import { useRecordText } from '../../text/records-text';
import { ActionPointFlags } from './ActionPointFlags';
import { OwnerInput } from './OwnerInput';

const EDITED = ['title', 'details', 'owner', 'dueDate', 'status', 'priority', 'heading', 'number', 'meetingId', 'napActionId', 'followUpDate', 'completionNote'] as const;

/** Everything about one action point, in a side panel: opened from the meeting or the Action points page. */
export function ActionPointDrawer(props: {
  ap: RecordView | null;
  onClose(): void;
  contacts: readonly RecordView[];
  contactsById: ReadonlyMap<string, RecordView>;
  meetings: readonly RecordView[];
  napActions: readonly RecordView[];
}) {
  const { t } = useTranslation('meetings');
  // The panel opens at the end of the reading direction: on the left in Arabic.
  const { dir } = useDirection();
  return (
    // Built from its parts so the header is not a second page banner for screen readers.
    <Drawer.Root opened={props.ap !== null} onClose={props.onClose} position={dir === 'rtl' ? 'left' : 'right'} size="lg">
      <Drawer.Overlay />
      <Drawer.Content>
        <Drawer.Header role="none">
          <Drawer.Title>{t('drawer.title')}</Drawer.Title>
          <Drawer.CloseButton aria-label={t('drawer.close')} title={t('drawer.close')} />
        </Drawer.Header>
        <Drawer.Body>{props.ap && <ActionPointForm key={props.ap.id} {...props} ap={props.ap} />}</Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}

function ActionPointForm(props: {
  ap: RecordView;
  onClose(): void;
  contacts: readonly RecordView[];
  contactsById: ReadonlyMap<string, RecordView>;
  meetings: readonly RecordView[];
  napActions: readonly RecordView[];
}) {
  const { t, i18n } = useTranslation('meetings');
  const text = useRecordText();
  const editor = useRecordForm(recordOf(props.ap, 'action'), EDITED, { mode: 'submit', onSaved: props.onClose });
  const { form, failure } = editor;
  const { isSubmitting } = form.formState;
  const meeting = props.meetings.find((m) => m.id === form.watch('meetingId'));
  const preview: RecordView = { ...props.ap, fields: { ...props.ap.fields, ...(form.watch() as RecordView['fields']) } };
  // An empty text of the point is written in the language of its other texts, else its meeting's.
  const content = contentLanguage('action', preview.fields, i18n.language) ?? (meeting ? contentLanguage('meeting', meeting.fields, i18n.language) : null);
  const err = (name: string) => editor.error(name, true);
  const options = (list: readonly string[], group: 'status' | 'priority') =>
    list.map((v) => ({ value: v, label: text.value('action', group, v) }));

  return (
    <form onSubmit={(e) => void editor.submit(e)} noValidate>
      <Stack gap="md">
        <Controller
          control={form.control}
          name="title"
          render={({ field }) => (
            <MultilingualInput label={text.field('title')} contentLanguage={content} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={err('title')} />
          )}
        />
        <Controller
          control={form.control}
          name="details"
          render={({ field }) => (
            <MultilingualInput label={text.field('details')} contentLanguage={content} value={field.value} onChange={field.onChange} onBlur={field.onBlur} multiline error={err('details')} />
          )}
        />
        <Controller
          control={form.control}
          name="owner"
          render={({ field }) => (
            <OwnerInput label={text.field('owner')} value={field.value} contacts={props.contacts} byId={props.contactsById} onCommit={(o) => field.onChange(o)} description={t('owner.hint')} />
          )}
        />
        <Group grow align="flex-start">
          {(['dueDate', 'followUpDate'] as const).map((name) => (
            <Controller
              key={name}
              control={form.control}
              name={name}
              render={({ field }) => (
                <DateField label={text.field(name)} value={field.value ?? null} onChange={field.onChange} onBlur={field.onBlur} error={err(name)} />
              )}
            />
          ))}
        </Group>
        <ActionPointFlags ap={preview} meeting={meeting} contacts={props.contactsById} />
        <Group grow align="flex-start">
          <Controller
            control={form.control}
            name="status"
            render={({ field }) => (
              <Select label={text.field('status')} data={options(ACTION_POINT_STATUSES, 'status')} value={field.value ?? 'open'} onChange={(v) => field.onChange(v)} allowDeselect={false} />
            )}
          />
          <Controller
            control={form.control}
            name="priority"
            render={({ field }) => (
              <Select label={text.field('priority')} data={options(PRIORITIES, 'priority')} value={field.value ?? 'normal'} onChange={(v) => field.onChange(v)} allowDeselect={false} />
            )}
          />
        </Group>
        <Controller
          control={form.control}
          name="meetingId"
          render={({ field }) => (
            <Select
              label={text.field('meetingId')}
              data={props.meetings.filter((m) => !m.deleted || m.id === field.value).map((m) => ({ value: m.id, label: text.title(m.fields) }))}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v)}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('drawer.clearMeeting') }}
              nothingFoundMessage={t('filters.nothingFound')}
            />
          )}
        />
        <Controller
          control={form.control}
          name="napActionId"
          render={({ field }) => (
            <Select
              label={text.field('napActionId')}
              data={props.napActions.map((a) => ({ value: a.id, label: text.title(a.fields).slice(0, 120) }))}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v)}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('drawer.clearNap') }}
              nothingFoundMessage={t('filters.nothingFound')}
            />
          )}
        />
        <Group grow align="flex-start">
          {/* The heading as the interface writes it (ج in Arabic); typed in either alphabet, kept as its code. */}
          <Controller
            control={form.control}
            name="heading"
            render={({ field }) => (
              <TextInput
                label={text.field('heading')}
                value={field.value ? headingShown(field.value, i18n.language) : ''}
                onChange={(e) => field.onChange(headingFromTyped(e.currentTarget.value) || null)}
                onBlur={field.onBlur}
                error={err('heading')}
              />
            )}
          />
          <Controller
            control={form.control}
            name="number"
            render={({ field }) => (
              <NumberInput label={text.field('number')} min={1} max={999} value={field.value ?? ''} onChange={(v) => field.onChange(typeof v === 'number' ? v : null)} error={err('number')} />
            )}
          />
        </Group>
        <Controller
          control={form.control}
          name="completionNote"
          render={({ field }) => (
            <MultilingualInput label={text.field('completionNote')} contentLanguage={content} value={field.value} onChange={field.onChange} onBlur={field.onBlur} multiline error={err('completionNote')} />
          )}
        />
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <DialogButtons cancelLabel={t('drawer.cancel')} onCancel={props.onClose} confirmLabel={t('drawer.save')} busy={isSubmitting} />
      </Stack>
    </form>
  );
}

import { DialogButtons } from '../../components/DialogButtons';
import { Alert, Checkbox, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { systemTimeZone, timeZones, toInstant } from '../../../../shared/meetings/datetime';
import { MEETING_TEMPLATES, STEP_TIMING } from '../../../../shared/meetings/templates';
import { formSchema, MEETING_TYPES } from '../../../../shared/records/kinds';
import { LANGUAGES, textDirection, type Language } from '../../../../shared/i18n/languages';
import { useApiErrorText, useFieldErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { FormDialog } from '../../components/FormDialog';
import { DateField } from '../../components/DateField';
import type { MeetingType } from '../../components/labels';
import { useApi } from '../../hooks/useApi';

/** The time-zone list for a picker: every IANA zone, labelled with its current offset. */
export function useTimeZoneOptions() {
  return useMemo(() => timeZones().map((tz) => ({ value: tz, label: tz.replaceAll('_', ' ') })), []);
}

/**
 * A new meeting: what, when and where. For the two meeting types with a procedure (Informal Expert
 * Group, Focal Points Network) its preparation and follow-up steps are added as action points.
 */
export function NewMeetingDialog(props: { opened: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation('meetings');
  const api = useApi();
  const navigate = useNavigate();
  const text = useRecordText();
  const fieldError = useFieldErrorText();
  const apiErrorText = useApiErrorText();
  const zones = useTimeZoneOptions();
  const language: Language = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
  const [title, setTitle] = useState('');
  const [type, setType] = useState<MeetingType>('focal_points_network');
  const [date, setDate] = useState('');
  const [startTime, setStartTime] = useState('10:00');
  const [endTime, setEndTime] = useState('13:00');
  const [timeZone, setTimeZone] = useState(systemTimeZone);
  const [place, setPlace] = useState('');
  const [online, setOnline] = useState(false);
  const [withSteps, setWithSteps] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const templated = MEETING_TEMPLATES[type] !== undefined;

  const close = () => {
    setErrors({});
    setFailure(null);
    props.onClose();
  };

  const create = async () => {
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = 'errors:validation.required';
    if (!date) found.date = 'errors:validation.required';
    const start = date ? toInstant({ date, time: startTime || '00:00' }, timeZone) : null;
    const end = date && endTime ? toInstant({ date, time: endTime }, timeZone) : null;
    const fields = {
      title: { [language]: title.trim() },
      type,
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
      timeZone,
      place: place.trim(),
      online,
    };
    const checked = formSchema('meeting').safeParse(fields);
    if (!checked.success) for (const issue of checked.error.issues) found[String(issue.path[0])] ??= issue.message;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const meeting = await api.call('records.create', { kind: 'meeting', fields });
      if (templated && withSteps) await api.call('meetings.applyTemplate', { meetingId: meeting.id });
      close();
      setTitle('');
      setDate('');
      void navigate(`/meetings/${meeting.id}`);
    } catch (error) {
      setFailure(apiErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog opened={props.opened} onClose={close} title={t('new.title')} closeLabel={t('new.cancel')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Stack gap="md">
          <TextInput
            label={text.field('title')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(errors.title)}
            lang={language}
            dir={textDirection(language)}
            data-autofocus
          />
          <Select
            label={text.field('type')}
            data={MEETING_TYPES.map((v) => ({ value: v, label: text.value('meeting', 'type', v) }))}
            value={type}
            onChange={(v) => v && setType(v as MeetingType)}
            allowDeselect={false}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DateField label={text.field('date')} required value={date} onChange={(v) => setDate(v ?? '')} error={fieldError(errors.date ?? errors.start)} />
            <TextInput type="time" label={t('when.startTime')} value={startTime} onChange={(e) => setStartTime(e.currentTarget.value)} />
            <TextInput type="time" label={t('when.endTime')} value={endTime} onChange={(e) => setEndTime(e.currentTarget.value)} error={fieldError(errors.end)} />
          </SimpleGrid>
          <Select label={text.field('timeZone')} data={zones} value={timeZone} onChange={(v) => v && setTimeZone(v)} searchable allowDeselect={false} limit={200} error={fieldError(errors.timeZone)} nothingFoundMessage={t('filters.nothingFound')} />
          <Group grow align="flex-end">
            <TextInput label={text.field('place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} dir="auto" />
            <Checkbox label={t('when.online')} checked={online} onChange={(e) => setOnline(e.currentTarget.checked)} mb={8} />
          </Group>
          {templated && (
            <Checkbox
              label={t('new.withSteps')}
              description={t(type === 'informal_expert_group' ? 'new.stepsIeg' : 'new.stepsFpn', STEP_TIMING)}
              checked={withSteps}
              onChange={(e) => setWithSteps(e.currentTarget.checked)}
            />
          )}
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <DialogButtons cancelLabel={t('new.cancel')} onCancel={close} confirmLabel={t('new.create')} busy={busy} />
        </Stack>
      </form>
    </FormDialog>
  );
}

import { Checkbox, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toInstant, toWallTime, type WallTime } from '../../../../shared/meetings/datetime';
import { DateField } from '../../components/DateField';
import { useRecordText } from '../../text/records-text';
import { useTimeZoneOptions } from './NewMeetingDialog';

export interface When {
  start: string | null;
  end: string | null;
  timeZone: string;
}

/**
 * Start and end as the wall clock where the meeting is held, and that place's time zone. Changing
 * the zone keeps the clock times (the meeting is "at 10:00 in Vienna") and recomputes the instants.
 */
export function WhenFields(props: {
  value: When;
  onChange(next: When): void;
  online: boolean;
  onOnlineChange(online: boolean): void;
  place: string;
  onPlaceChange(place: string): void;
  errors: { start?: string; end?: string; timeZone?: string; place?: string };
}) {
  const { t } = useTranslation('meetings');
  const text = useRecordText();
  const zones = useTimeZoneOptions();
  const [wall, setWall] = useState(() => ({
    start: props.value.start ? toWallTime(props.value.start, props.value.timeZone) : { date: '', time: '' },
    end: props.value.end ? toWallTime(props.value.end, props.value.timeZone) : { date: '', time: '' },
    timeZone: props.value.timeZone,
  }));
  const change = (next: { start: WallTime; end: WallTime; timeZone: string }) => {
    setWall(next);
    props.onChange({ start: toInstant(next.start, next.timeZone), end: toInstant(next.end, next.timeZone), timeZone: next.timeZone });
  };
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <DateField label={t('when.startDate')} value={wall.start.date} onChange={(v) => change({ ...wall, start: { ...wall.start, date: v ?? '' } })} error={props.errors.start} />
        <TextInput type="time" label={t('when.startTime')} value={wall.start.time} onChange={(e) => change({ ...wall, start: { ...wall.start, time: e.currentTarget.value } })} />
        <DateField label={t('when.endDate')} value={wall.end.date} onChange={(v) => change({ ...wall, end: { ...wall.end, date: v ?? '' } })} error={props.errors.end} />
        <TextInput type="time" label={t('when.endTime')} value={wall.end.time} onChange={(e) => change({ ...wall, end: { ...wall.end, time: e.currentTarget.value } })} />
      </SimpleGrid>
      <Group grow align="flex-end" mt="md">
        <Select
          label={text.field('timeZone')}
          data={zones}
          value={wall.timeZone}
          onChange={(v) => v && change({ ...wall, timeZone: v })}
          searchable
          allowDeselect={false}
          limit={200}
          error={props.errors.timeZone}
          nothingFoundMessage={t('filters.nothingFound')}
        />
        <TextInput label={text.field('place')} value={props.place} onChange={(e) => props.onPlaceChange(e.currentTarget.value)} error={props.errors.place} dir="auto" />
        <Checkbox label={t('when.online')} checked={props.online} onChange={(e) => props.onOnlineChange(e.currentTarget.checked)} mb={8} />
      </Group>
    </>
  );
}

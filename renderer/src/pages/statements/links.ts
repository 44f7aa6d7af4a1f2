import { compareText } from '../../../../shared/records/sort';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../../shared/records/codec';
import { isolate } from '../../text/bidi';
import { useRecordText } from '../../text/records-text';
import { useDates } from '../../hooks/useDates';
import { useRecords } from '../../hooks/useRecords';

/**
 * What a statement can be for: the meetings and open debates (soonest first, with their date, so
 * two sessions of the same title are told apart) and the NAP drafts it may comment on.
 */
export function useStatementLinks() {
  const { i18n } = useTranslation();
  const text = useRecordText();
  const dates = useDates();
  const meetings = useRecords('meeting');
  const naps = useRecords('nap');
  const meetingOptions = useMemo(() => {
    const list = [...(meetings.data ?? [])].sort((a, b) => String(b.fields.start ?? '').localeCompare(String(a.fields.start ?? '')));
    return list.map((m) => {
      const start = typeof m.fields.start === 'string' ? m.fields.start.slice(0, 10) : null;
      const name = text.title(m.fields);
      // Isolated: an English title beside an Arabic date (or the reverse) keeps its own order.
      return { value: m.id, label: start ? `${isolate(name)} · ${dates.day(start)}` : name };
    });
  }, [meetings.data, text, dates]);
  const napOptions = useMemo(
    () =>
      (naps.data ?? [])
        .map((n) => ({ value: n.id, label: text.title(n.fields) }))
        .sort((a, b) => compareText(a.label, b.label, i18n.language)),
    [naps.data, text, i18n.language],
  );
  const byId = useMemo(() => new Map<string, RecordView>([...(meetings.data ?? []), ...(naps.data ?? [])].map((r) => [r.id, r])), [meetings.data, naps.data]);
  return { meetingOptions, napOptions, byId };
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates as the UI language writes them; a calendar day stays that day whatever the time zone. */
export function useDates() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
    const longDay = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' });
    return {
      /** `YYYY-MM-DD` → "16 Mar 2026" */
      day: (d: string | null | undefined) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? day.format(new Date(`${d}T00:00:00Z`)) : '—'),
      longDay: (d: string) => longDay.format(new Date(`${d}T00:00:00Z`)),
      /** An instant on the wall clock of a time zone, with the zone's name. */
      when: (instant: string, timeZone?: string) => {
        try {
          // dateStyle cannot be combined with timeZoneName: the parts are spelled out.
          return new Intl.DateTimeFormat(i18n.language, {
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            hour: 'numeric',
            minute: '2-digit',
            timeZone,
            timeZoneName: 'short',
          }).format(new Date(instant));
        } catch {
          return instant;
        }
      },
      time: (instant: string, timeZone?: string) => {
        try {
          return new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone }).format(new Date(instant));
        } catch {
          return instant;
        }
      },
    };
  }, [i18n.language]);
}

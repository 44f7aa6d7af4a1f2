import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection, type Language } from '../../../../shared/i18n/languages';
import type { Multilingual } from '../../../../shared/records/text';
import { shownLanguage } from '../../../../shared/records/text-version';

/**
 * A user's text shown in the language it was written in, marked with that language and its
 * direction (Arabic content reads right to left inside an English screen, and the reverse).
 */
export function UserText(props: { value: unknown; fallback?: string; lang?: Language }) {
  const { i18n } = useTranslation();
  const lang = props.lang && (props.value as Multilingual | undefined)?.[props.lang] ? props.lang : shownLanguage(props.value, i18n.language);
  if (!lang) return <span className="nap-untitled">{props.fallback ?? ''}</span>;
  return (
    <span lang={lang} dir={textDirection(lang)} className="nap-user-text">
      {(props.value as Multilingual)[lang]}
    </span>
  );
}

const ORDINAL_KEYS = {
  one: 'ordinal.one',
  two: 'ordinal.two',
  few: 'ordinal.few',
  other: 'ordinal.other',
} as const;

/** Formatting in the UI language: generations as ordinals (1st NAP), money, dates, relative times. */
export function useNapFormat() {
  const { t, i18n } = useTranslation('naps');
  const lang = i18n.language;
  const generation = useCallback(
    (n: unknown) => {
      if (typeof n !== 'number') return '—';
      const category = new Intl.PluralRules(lang, { type: 'ordinal' }).select(n);
      const key = category in ORDINAL_KEYS ? ORDINAL_KEYS[category as keyof typeof ORDINAL_KEYS] : ORDINAL_KEYS.other;
      return t('generation', { ordinal: t(key, { n }) });
    },
    [t, lang],
  );
  const money = useCallback(
    (amount: unknown, currency: unknown) => {
      if (typeof amount !== 'number') return '—';
      try {
        if (typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)) {
          return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount);
        }
      } catch {
        // an unknown code falls through to a plain number
      }
      return new Intl.NumberFormat(lang).format(amount);
    },
    [lang],
  );
  const number = useCallback((n: unknown) => (typeof n === 'number' ? new Intl.NumberFormat(lang).format(n) : '—'), [lang]);
  const year = useCallback((n: unknown) => (typeof n === 'number' ? new Intl.NumberFormat(lang, { useGrouping: false }).format(n) : '—'), [lang]);
  const date = useCallback(
    (iso: unknown) =>
      typeof iso === 'string' && iso
        ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`))
        : '—',
    [lang],
  );
  const dateTime = useCallback(
    (at: number | string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
    [lang],
  );
  const relative = useCallback(
    (at: number) => {
      const seconds = Math.round((at - Date.now()) / 1000);
      const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
      const abs = Math.abs(seconds);
      if (abs < 60) return rtf.format(seconds, 'second');
      if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
      if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
      return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(at));
    },
    [lang],
  );
  const period = useCallback(
    (start: unknown, end: unknown) => (typeof start === 'number' || typeof end === 'number' ? `${year(start)}–${year(end)}` : '—'),
    [year],
  );
  const country = useCallback(
    (code: unknown) => (typeof code === 'string' && code ? (new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code) : '—'),
    [lang],
  );
  const list = useCallback((items: string[]) => new Intl.ListFormat(lang, { style: 'narrow', type: 'unit' }).format(items), [lang]);
  return { list, generation, money, number, year, date, dateTime, relative, period, country };
}

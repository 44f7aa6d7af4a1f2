import { LANGUAGES, textDirection, type Language } from '../i18n/languages.js';
import type { Multilingual } from '../records/text.js';
import type { Run, Runs } from './model.js';
import type { DocT } from './templates.js';

/*
 * How a document writes values in its own language: texts (the document language's version, or
 * another marked as such), dates, numbers, amounts, countries. Intl does the formatting, so a
 * French NAP writes "1 500 000,00 $US" and an Arabic one its own digits and separators.
 */

export interface DocFormat {
  lang: Language;
  t: DocT;
  /** A text field's runs: the document language's version, else a fallback version (marked as such). */
  text(value: unknown, options?: { bold?: boolean }): Runs;
  /** A record's title: text(), or "(untitled)" in the document's language. */
  title(value: unknown): Runs;
  /** Like text(), or null when the field has no version at all. */
  textOrNull(value: unknown, options?: { bold?: boolean }): Runs | null;
  /** A plain one-line value typed once (an agency, a place): its own direction decides. */
  line(value: unknown): Runs;
  day(iso: unknown): string;
  /** A calendar day as its month and year ("Jan 2024"): timelines in a table. */
  month(iso: unknown): string;
  number(value: unknown): string;
  money(amount: unknown, currency: unknown): string;
  country(code: unknown): string;
  language(code: Language): string;
  /** "—": nothing entered. */
  none(): Run;
  join(values: string[]): string;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames | Intl.ListFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames | Intl.ListFormat>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/**
 * Where a text has no version in the document's language, the one a reader is most likely to
 * read: English, then French (the Secretariat's working languages), then the others in UN order.
 */
const FALLBACK_ORDER: readonly Language[] = ['en', 'fr', ...LANGUAGES.filter((l) => l !== 'en' && l !== 'fr')];

/** The version of a multilingual text a document in `lang` shows: its own, else a fallback (FALLBACK_ORDER). */
export function documentVersion(value: unknown, lang: Language): { lang: Language; text: string } | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const texts = value as Multilingual;
  if (texts[lang]) return { lang, text: texts[lang] };
  const other = FALLBACK_ORDER.find((l) => texts[l]);
  return other ? { lang: other, text: texts[other]! } : null;
}

/** Which script direction a run of text in this language runs in. */
export const runDirection = (lang: Language) => textDirection(lang);

export function docFormat(lang: Language, t: DocT): DocFormat {
  const languageName = (code: Language) => cached(`lang:${lang}`, () => new Intl.DisplayNames([lang], { type: 'language' })).of(code) ?? code;
  const none = (): Run => ({ text: t('none'), muted: true });
  const textOrNull = (value: unknown, options: { bold?: boolean } = {}): Runs | null => {
    const version = documentVersion(value, lang);
    if (!version) return null;
    const run: Run = { text: version.text, lang: version.lang, ...(options.bold ? { bold: true } : {}) };
    if (version.lang === lang) return [run];
    // A clearly marked fallback: the reader knows this text was not written in their language.
    return [{ text: `${t('fallback', { language: languageName(version.lang) })} `, muted: true, italic: true }, run];
  };
  return {
    lang,
    t,
    textOrNull,
    text: (value, options) => textOrNull(value, options) ?? [none()],
    title: (value) => textOrNull(value) ?? [{ text: t('records:untitled') }],
    line: (value) => (typeof value === 'string' && value.trim() !== '' ? [{ text: value }] : [none()]),
    day: (iso) => {
      if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return t('none');
      const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(date.getTime())) return t('none');
      return cached(`day:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })).format(date);
    },
    month: (iso) => {
      if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return t('none');
      const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(date.getTime())) return t('none');
      return cached(`month:${lang}`, () => new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' })).format(date);
    },
    number: (value) => (typeof value === 'number' && Number.isFinite(value) ? cached(`num:${lang}`, () => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 })).format(value) : t('none')),
    money: (amount, currency) => {
      if (typeof amount !== 'number' || !Number.isFinite(amount)) return t('none');
      if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return cached(`num:${lang}`, () => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 })).format(amount);
      return cached(`money:${lang}:${currency}`, () => new Intl.NumberFormat(lang, { style: 'currency', currency })).format(amount);
    },
    country: (code) => {
      if (typeof code !== 'string' || code === '') return t('none');
      try {
        return cached(`region:${lang}`, () => new Intl.DisplayNames([lang], { type: 'region' })).of(code) ?? code;
      } catch {
        return code;
      }
    },
    language: languageName,
    none,
    join: (values) => cached(`list:${lang}`, () => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' })).format(values),
  };
}

/** A text broken into paragraphs at blank lines (single line breaks kept inside a paragraph). */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}

/**
 * A file name from a document's title: no characters any system refuses (\ / : * ? " < > | and
 * controls), no bidi or invisible controls that could disguise an extension, not a reserved
 * Windows name, at most 80 characters; `fallback` when nothing is left.
 */
export function safeFileName(title: string, fallback: string): string {
  const cleaned = title
    .normalize('NFC')
    // Controls and invisible format characters, bidi overrides first; the joiners emoji and
    // Arabic-script names need (U+200C, U+200D) stay.
    .replace(/(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[\\/:*?"<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const short = [...cleaned].slice(0, 80).join('').trim();
  if (short === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(short)) return fallback;
  return short;
}

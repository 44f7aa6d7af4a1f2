import { isLanguage, LANGUAGES, type Language } from '../i18n/languages.js';
import { KINDS, type Kind } from './kinds.js';
import type { Multilingual } from './text.js';

/*
 * Which language version of a text a person sees, and so which one an edit changes. One rule for
 * every list, title and input: a correction made with the interface in English to a Chinese text
 * must change the Chinese version, never start an "English" one holding Chinese words (a
 * colleague's concurrent edit of the Chinese would then merge without an edit conflict, and each
 * side would read a different wording depending on the interface language).
 */

/** The six-language code of an interface language tag (`zh-CN` → `zh`), else null. */
export function languageOf(tag: string | null | undefined): Language | null {
  const primary = tag?.split(/[-_]/)[0]?.toLowerCase();
  return isLanguage(primary) ? primary : null;
}

/**
 * The version of a text that is shown: the interface language's if the text has one, else the
 * first the text has in the UN order (ar, zh, en, fr, ru, es); null for a text with no version.
 */
export function shownLanguage(value: unknown, uiLanguage: string): Language | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const texts = value as Multilingual;
  const ui = languageOf(uiLanguage);
  if (ui && texts[ui]) return ui;
  return LANGUAGES.find((l) => texts[l]) ?? null;
}

/** The shown version of a text and its language ('' for a plain string, shown as it is); null when there is none. */
export function shownText(value: unknown, uiLanguage: string): { text: string; lang: Language | '' } | null {
  if (typeof value === 'string') return value ? { text: value, lang: '' } : null;
  const lang = shownLanguage(value, uiLanguage);
  return lang ? { text: (value as Record<string, string>)[lang]!, lang } : null;
}

/**
 * The language an edit of a text is written in: the shown version's. A text with no version yet
 * takes the record's content language when it has one (a point of a Chinese meeting), else the
 * interface language (English when the interface is in none of the six).
 */
export function editLanguage(value: unknown, uiLanguage: string, contentLanguage?: Language | null): Language {
  return shownLanguage(value, uiLanguage) ?? contentLanguage ?? languageOf(uiLanguage) ?? 'en';
}

/**
 * The language a record's texts are shown in: that of its first text that has a version (by the
 * kind's field order), null when it has none. New text in one of its empty fields follows it.
 */
export function contentLanguage(kind: Kind, fields: Readonly<Record<string, unknown>>, uiLanguage: string): Language | null {
  const texts = Object.entries(KINDS[kind].fields).flatMap(([name, spec]) => (spec.multilingual ? [fields[name]] : []));
  return firstShownLanguage(texts, uiLanguage);
}

/** The shown language of the first of some texts that has a version (a form's values), else null. */
export function firstShownLanguage(texts: Iterable<unknown>, uiLanguage: string): Language | null {
  for (const value of texts) {
    const lang = shownLanguage(value, uiLanguage);
    if (lang) return lang;
  }
  return null;
}

/** The text with one language version set (an emptied version is removed); the others are untouched. */
export function withVersion(value: Multilingual | null | undefined, language: Language, text: string): Multilingual {
  const next: Multilingual = { ...(value ?? {}) };
  if (text === '') delete next[language];
  else next[language] = text;
  return next;
}

/**
 * The versions an edit of a text changed, and only those (an emptied one as ''): sending the
 * others again would stamp them as edited now, crossing a translator's concurrent work on them.
 */
export function changedVersions(before: unknown, after: unknown): Multilingual {
  const old = (before ?? {}) as Multilingual;
  const next = (after ?? {}) as Multilingual;
  const out: Multilingual = {};
  for (const l of LANGUAGES) if ((next[l] ?? '') !== (old[l] ?? '')) out[l] = next[l] ?? '';
  return out;
}

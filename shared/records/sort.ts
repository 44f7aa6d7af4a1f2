import { shownText } from './text-version.js';

/*
 * How lists are put in order, one rule for the core (queries, the action point table, documents)
 * and the renderer (the lists it sorts itself): a text sorts by the version the person sees
 * (shownLanguage, the same one its row shows), compared as the interface language reads it, with
 * numbers inside in numeric order ("Item 2" before "Item 10") and without regard to case or accents.
 */

const collators = new Map<string, Intl.Collator>();

/** The collator for sorting text in a language (one per language, kept). */
export function textCollator(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    collators.set(locale, collator);
  }
  return collator;
}

/** Two texts compared for a list in the interface language. */
export function compareText(a: string, b: string, locale: string): number {
  return textCollator(locale).compare(a, b);
}

/**
 * What a field's value sorts by: a text in several languages by its shown version, a plain text or
 * a number by itself; null (sorted last) for an empty or missing value.
 */
export function sortKey(value: unknown, uiLanguage: string): string | number | null {
  if (typeof value === 'number') return value;
  return shownText(value, uiLanguage)?.text ?? null;
}

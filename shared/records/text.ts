import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages.js';

/** One line: names, titles of things, agencies. */
export const SHORT_TEXT_MAX = 1_000;
/** Prose: notes, summaries, statements. A 300-page document fits; a 5 MB paste is refused. */
export const LONG_TEXT_MAX = 1_000_000;

/** A string a person typed: capped, and well-formed Unicode (no lone surrogate halves). */
export const text = (max: number) =>
  z
    .string()
    .max(max, { error: 'errors:validation.too_long' })
    .refine((s) => s.isWellFormed(), { error: 'errors:validation.unicode' });

/**
 * The same for a one-line answer in a form (a name, an organisation): surrounding spaces removed
 * first; `required` refuses an empty one. Lone surrogates are refused as in `text`, so a profile
 * name cannot reach every version's author and every bundle's creator broken.
 */
export const lineText = (max: number, { required = false } = {}) => {
  const trimmed = z.string().trim();
  return (required ? trimmed.min(1, { error: 'errors:validation.required' }) : trimmed)
    .max(max, { error: 'errors:validation.too_long' })
    .refine((s) => s.isWellFormed(), { error: 'errors:validation.unicode' });
};

/**
 * Text that may exist in several of the six languages side by side (a NAP drafted in French and
 * English), each version tagged with its language. Each language merges on its own, so a
 * translator and an author never clash.
 */
export const multilingual = (max: number) => z.partialRecord(z.enum(LANGUAGES), text(max)).refine(
  (value) => Object.keys(value).every((k) => (LANGUAGES as readonly string[]).includes(k)),
  { error: 'errors:validation.language' },
);
export type Multilingual = Partial<Record<(typeof LANGUAGES)[number], string>>;

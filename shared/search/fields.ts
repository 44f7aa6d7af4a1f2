import { LANGUAGES, type Language } from '../i18n/languages.js';
import { KINDS, type Kind } from '../records/kinds.js';

/*
 * What is searched in each kind of record, declared once: the index, the snippets and the list
 * filters read this. Every text people write (each language version), the names people look
 * things up by, and a country's name in all six languages. Not searched: codes and states shown
 * as labels, e-mail addresses aside; dates and numbers; a NAP snapshot's frozen copies (they would
 * find the same words twice; the snapshot's name is searched).
 */
export const SEARCH_FIELDS = {
  nap: ['title', 'summary', 'country', 'leadAgency', 'coordinatingBody'],
  'nap.consultation': ['summary', 'outcome', 'participants'],
  'nap.snapshot': ['name'],
  'nap.objective': ['title', 'description'],
  'nap.action': ['description', 'notes', 'leadAgency', 'partnerAgencies'],
  'nap.indicator': ['name', 'meansOfVerification', 'unit', 'measurements'],
  meeting: ['title', 'agenda', 'notes', 'decisions', 'guidingQuestions', 'actionHeadings', 'place', 'chairs', 'participants'],
  action: ['title', 'details', 'completionNote', 'owner'],
  contact: ['name', 'institution', 'country', 'email'],
  input: ['title', 'body', 'author', 'addressee', 'delegation'],
} as const satisfies { [K in Kind]: readonly (keyof (typeof KINDS)[K]['fields'])[] };

/** The field that names a record (searched with more weight), when the kind has one. */
export const TITLE_FIELD: Partial<Record<Kind, string>> = Object.fromEntries(
  Object.entries(SEARCH_FIELDS).flatMap(([kind, fields]) => {
    const title = (fields as readonly string[]).find((f) => f === 'title' || f === 'name');
    return title ? [[kind, title]] : [];
  }),
);

/** One searchable text of a record: which field, which language version (null: not a text with versions). */
export interface SearchText {
  field: string;
  language: Language | null;
  text: string;
}

let countryNames: Map<string, string> | null = null;
/** A country's name in the six languages, one per line (names are never stored; Intl gives them). */
export function countryInAllLanguages(code: string): string {
  countryNames ??= new Map();
  let names = countryNames.get(code);
  if (names === undefined) {
    const found = new Set<string>();
    for (const language of LANGUAGES) {
      try {
        const name = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(code);
        if (name) found.add(name);
      } catch {
        // not a region code: nothing to find it by
      }
    }
    names = [...found].join('\n');
    countryNames.set(code, names);
  }
  return names;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The words of one item of a list field (a participant, an agenda item, a heading, a measurement). */
function itemText(item: unknown): string {
  if (typeof item === 'string') return item;
  if (!isObject(item)) return '';
  const country = typeof item.country === 'string' && item.country ? countryInAllLanguages(item.country) : '';
  return [str(item.name), str(item.organisation), country, str(item.text), str(item.title), str(item.source)].filter(Boolean).join('\n');
}

/** The searchable texts of a record's fields, in the order its kind declares them. */
export function searchTexts(kind: Kind, fields: Readonly<Record<string, unknown>>): SearchText[] {
  const out: SearchText[] = [];
  const specs = KINDS[kind].fields as Record<string, { multilingual: boolean }>;
  for (const field of SEARCH_FIELDS[kind] as readonly string[]) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (specs[field]?.multilingual && isObject(value)) {
      for (const language of LANGUAGES) {
        const text = value[language];
        if (typeof text === 'string' && text) out.push({ field, language, text });
      }
      continue;
    }
    let text = '';
    if (field === 'country') text = typeof value === 'string' && value ? countryInAllLanguages(value) : '';
    else if (typeof value === 'string') text = value;
    else if (Array.isArray(value)) text = value.map(itemText).filter(Boolean).join('\n');
    else if (isObject(value)) text = str(value.institution);
    if (text) out.push({ field, language: null, text });
  }
  return out;
}

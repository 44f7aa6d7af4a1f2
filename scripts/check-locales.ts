/**
 * The locale check in `npm test`: every language has every key English has (plural forms as
 * Intl.PluralRules requires them), no value is empty, placeholders match English, every English
 * key is used somewhere in the code, numbers are formatted by i18next and never written into a
 * sentence, each glossary term keeps its one translation (docs/glossary.md), and French and Arabic
 * follow one typography. Exit 1 with one line per problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, pluralCategories, type Language } from '../shared/i18n/languages.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const SOURCE_FILE = /\.(ts|tsx|mts)$/;

type Flat = Map<string, unknown>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

function loadLanguage(dir: string, problems: string[], lang: string): Map<string, Flat> | null {
  const folder = path.join(dir, lang);
  if (!fs.existsSync(folder)) {
    problems.push(`${lang}: folder ${folder} is missing`);
    return null;
  }
  const namespaces = new Map<string, Flat>();
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    try {
      const data: unknown = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
      namespaces.set(path.basename(file, '.json'), flatten(data, '', new Map()));
    } catch (error) {
      problems.push(`${lang}/${file}: not valid JSON (${(error as Error).message})`);
    }
  }
  return namespaces;
}

/**
 * Numbers in sentences. i18next formats a placeholder through Intl.NumberFormat in the reader's
 * language when it carries `, number` (`{{count, number}}`, or `{{number, number(useGrouping:
 * false)}}` for a resolution number), so "10000" reads "10 000" in French and Russian. The rule:
 * a placeholder with one of these names holds a number passed as a number, and must carry a
 * `number` format in every language. A value the code formats itself (a date, an amount with its
 * unit, an indicator value) is passed under another name — `formatted`, `value`, `target`… — as a
 * string made by Intl.
 */
export const NUMERIC_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'count', 'total', 'shown', 'position', 'number', 'n', 'min', 'max', 'length', 'files', 'done',
  'new', 'updated', 'unchanged', 'conflicting', 'deleted', 'added', 'removed', 'changed', 'words',
  // the delays of a meeting's steps (shared/meetings/templates.ts STEP_TIMING)
  'letterWeeksEarliest', 'letterWeeksLatest', 'materialDaysBefore', 'summaryDaysAfter', 'newsletterDaysAfter', 'followUpMonths',
]);

/**
 * Hard-coded numbers: a run of two digits or more (Latin or Arabic-Indic) outside a placeholder is
 * a constant of the code written into a sentence, which goes stale when the code changes; it must
 * be a parameter. Single digits stay allowed ("one or 2 items" style wording is rare, and 0/1 often
 * belong to the grammar). The few legitimate numbers are listed here, with the reason.
 */
export const ALLOWED_NUMBERS: ReadonlyMap<string, { numbers: readonly string[]; reason: string }> = new Map<string, { numbers: readonly string[]; reason: string }>([
  // e.g. ['naps:form.resolutionsHint', { numbers: ['1325'], reason: 'the name of Security Council resolution 1325' }],
]);

const NUMBER_RUN = /[0-9\u0660-\u0669\u06F0-\u06F9]{2,}/g;
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:,\s*([^}]*?))?\s*\}\}/g;

/** The number problems of one value: unformatted numeric placeholders and hard-coded numbers. */
export function numberProblems(lang: string, id: string, value: string): string[] {
  const problems: string[] = [];
  for (const [, name, format] of value.matchAll(PLACEHOLDER)) {
    if (NUMERIC_PLACEHOLDERS.has(name!) && !/^number\b/.test(format ?? '')) {
      problems.push(`${lang}: ${id} writes {{${name}}} without number formatting: use {{${name}, number}}`);
    }
  }
  const allowed = ALLOWED_NUMBERS.get(id.replace(PLURAL, ''))?.numbers ?? [];
  for (const [run] of value.replace(PLACEHOLDER, '').matchAll(NUMBER_RUN)) {
    if (!allowed.includes(run)) problems.push(`${lang}: ${id} contains the number ${run}: pass it as a parameter from the code`);
  }
  return problems;
}

/**
 * French typography (Imprimerie nationale, as UN French texts print): a no-break space U+00A0
 * before a colon and inside « », a narrow no-break space U+202F before ; ? !, and the typographic
 * apostrophe ’ (never '). Punctuation glued to code-like text ("nap:ID", "K[,K…]") is left alone:
 * only punctuation that ends a word and is followed by a space or the end is checked.
 */
export function frenchProblems(id: string, value: string): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`fr: ${id} ${what}`);
  if (value.includes("'")) say("uses the apostrophe ': write ’");
  for (const m of value.matchAll(/(^|[\s\S])([:;?!])(?=\s|$|["”»)])/g)) {
    const [before, mark] = [m[1]!, m[2]!];
    const want = mark === ':' ? '\u00A0' : '\u202F';
    if (before !== want) say(`needs ${mark === ':' ? 'a no-break space U+00A0' : 'a narrow no-break space U+202F'} before “${mark}”`);
  }
  for (const m of value.matchAll(/«([\s\S]?)/g)) if (m[1] !== '\u00A0' && m[1] !== '»') say('needs a no-break space U+00A0 after «');
  for (const m of value.matchAll(/([\s\S]?)»/g)) if (m[1] !== '\u00A0' && m[1] !== '«') say('needs a no-break space U+00A0 before »');
  return problems;
}

/**
 * Arabic: tanween al-fath is written one way, on the alif (اً, as in "أيضاً"), never before it (ًا).
 */
export function arabicProblems(id: string, value: string): string[] {
  return value.includes('\u064B\u0627') ? [`ar: ${id} writes tanween before the alif (ًا): write it on the alif (اً)`] : [];
}

/** One glossary row: the English forms and, per language, the accepted forms (none: not checked). */
export interface GlossaryTerm {
  en: readonly string[];
  forms: Partial<Record<Language, readonly string[]>>;
  /** Keys (`ns:key`, plural suffix left out) where the English word has another sense. */
  except: ReadonlySet<string>;
}

const GLOSSARY_COLUMNS: readonly Language[] = ['en', 'fr', 'es', 'ru', 'zh', 'ar'];

/** "canonical (also: a, b)" → [canonical, a, b]; "—" or empty → []. */
function cellForms(cell: string): string[] {
  const text = cell.trim();
  if (!text || text === '—') return [];
  const m = /^(.*?)\s*\(also:\s*(.*)\)\s*$/.exec(text);
  const forms = m ? [m[1]!, ...m[2]!.split(',')] : [text];
  return forms.map((f) => f.trim()).filter(Boolean);
}

/**
 * The table under "## Terms" in docs/glossary.md: English, Français, Español, Русский, 中文,
 * العربية, then the keys where the English word means something else.
 */
export function parseGlossary(markdown: string): GlossaryTerm[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Terms')) ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('|')).slice(2);
  return rows.map((row) => {
    const cells = row.split('|').slice(1, -1);
    const forms: Partial<Record<Language, readonly string[]>> = {};
    GLOSSARY_COLUMNS.forEach((lang, i) => {
      const list = cellForms(cells[i] ?? '');
      if (list.length) forms[lang] = list;
    });
    const except = new Set((cells[GLOSSARY_COLUMNS.length] ?? '').split(',').map((k) => k.trim()).filter(Boolean));
    return { en: forms.en ?? [], forms, except };
  });
}

const normalise = (text: string) => text.toLowerCase().replace(/'/g, '’').replace(/[\u00A0\u202F]/g, ' ');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether an English text uses a term: as a whole word (plural -s allowed), and not as part of a
 * code token such as `nap.snapshot`, `--status` or `nap:ID`, nor of the app's name.
 */
const PROPER_NAMES = /Focal Point Desk/g;
function englishUses(term: GlossaryTerm, english: string): boolean {
  const text = english.replace(PROPER_NAMES, '').replace(PLACEHOLDER, '');
  return term.en.some((form) =>
    new RegExp(`(?<![\\w.:/,-])${escapeRegExp(normalise(form))}s?(?![\\w-]|[.:]\\w)`, 'u').test(normalise(text)),
  );
}

/** The glossary problems of one key: an English term whose translation uses none of its forms. */
function glossaryProblems(glossary: readonly GlossaryTerm[], id: string, english: readonly unknown[], lang: Language, theirs: readonly unknown[]): string[] {
  const problems: string[] = [];
  const text = (values: readonly unknown[]) => values.filter((v): v is string => typeof v === 'string').join('\n');
  const en = text(english);
  const translation = normalise(text(theirs));
  for (const term of glossary) {
    const forms = term.forms[lang];
    if (!forms || term.except.has(id) || !englishUses(term, en)) continue;
    if (!forms.some((form) => translation.includes(normalise(form)))) {
      problems.push(`${lang}: ${id} translates “${term.en[0]}” without the glossary's “${forms[0]}” (docs/glossary.md)`);
    }
  }
  return problems;
}

const placeholderNames = (value: unknown): string[] =>
  typeof value === 'string' ? [...value.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!) : [];

/**
 * The placeholders of a key, over all its plural forms: a form may leave out {{count}} ("One
 * item"), so plurals compare the union of their forms, without count.
 */
function placeholderSet(values: readonly unknown[], plural: boolean): string {
  const names = new Set(values.flatMap(placeholderNames));
  if (plural) names.delete('count');
  return [...names].sort().join(',');
}
const stem = (key: string) => key.replace(PLURAL, '');

function sourceText(dirs: readonly string[], exclude: (file: string) => boolean): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE_FILE.test(entry.name) && !exclude(full)) parts.push(fs.readFileSync(full, 'utf8'));
    }
  };
  dirs.forEach(walk);
  return parts.join('\n');
}

export interface LocaleCheckOptions {
  localesDir: string;
  sourceDirs: readonly string[];
  languages?: readonly Language[];
  /** docs/glossary.md: its terms are checked when given. */
  glossaryFile?: string;
}

export function checkLocales(options: LocaleCheckOptions): string[] {
  const problems: string[] = [];
  const languages = options.languages ?? LANGUAGES;
  const en = loadLanguage(options.localesDir, problems, 'en');
  if (!en) return problems;

  // English stems (each with the values of all its forms), and which of them are plurals.
  const enValues = new Map<string, unknown[]>();
  const pluralStems = new Set<string>();
  for (const [ns, keys] of en) {
    for (const [key, value] of keys) {
      const id = `${ns}:${stem(key)}`;
      enValues.set(id, [...(enValues.get(id) ?? []), value]);
      if (PLURAL.test(key)) pluralStems.add(id);
    }
  }

  // A count in a sentence agrees with its noun: i18next picks the plural form from `count`, so a
  // key that writes {{count}} has the plural forms of each language (_one/_other in English).
  for (const [id, values] of enValues) {
    if (!pluralStems.has(id) && values.some((v) => typeof v === 'string' && /\{\{\s*count\b/.test(v))) {
      problems.push(`en: ${id} writes {{count}} but has no plural forms (_one, _other)`);
    }
  }

  const glossary = options.glossaryFile ? parseGlossary(fs.readFileSync(options.glossaryFile, 'utf8')) : [];

  for (const lang of languages) {
    const loaded = lang === 'en' ? en : loadLanguage(options.localesDir, problems, lang);
    if (!loaded) continue;
    const present = new Map<string, unknown[]>();
    const forms = new Map<string, Set<string>>();
    for (const ns of en.keys()) if (!loaded.has(ns)) problems.push(`${lang}: ${ns}.json is missing`);
    for (const [ns, keys] of loaded) {
      if (!en.has(ns)) problems.push(`${lang}: ${ns}.json has no English counterpart`);
      for (const [key, value] of keys) {
        const id = `${ns}:${stem(key)}`;
        present.set(id, [...(present.get(id) ?? []), value]);
        const suffix = PLURAL.exec(key)?.[1];
        if (suffix) forms.set(id, (forms.get(id) ?? new Set()).add(suffix));
        if (value === '' || value === null || value === undefined) problems.push(`${lang}: ${ns}:${key} is empty`);
        else if (typeof value !== 'string') problems.push(`${lang}: ${ns}:${key} is not a string`);
        else {
          problems.push(...numberProblems(lang, `${ns}:${key}`, value));
          if (lang === 'fr') problems.push(...frenchProblems(`${ns}:${key}`, value));
          if (lang === 'ar') problems.push(...arabicProblems(`${ns}:${key}`, value));
        }
      }
    }
    for (const [id, enValue] of enValues) {
      if (!present.has(id)) {
        problems.push(`${lang}: ${id} is missing`);
        continue;
      }
      const plural = pluralStems.has(id);
      const theirs = placeholderSet(present.get(id)!, plural);
      const ours = placeholderSet(enValue, plural);
      if (theirs !== ours) problems.push(`${lang}: ${id} has placeholders {${theirs}}, English has {${ours}}`);
      if (lang !== 'en') problems.push(...glossaryProblems(glossary, id, enValue, lang, present.get(id)!));
      if (pluralStems.has(id)) {
        const have = forms.get(id) ?? new Set();
        for (const category of pluralCategories(lang)) {
          if (!have.has(category)) problems.push(`${lang}: ${id} lacks the plural form _${category}`);
        }
      }
    }
    for (const id of present.keys()) if (!enValues.has(id)) problems.push(`${lang}: ${id} is not in English (unused)`);
  }

  // Unused: every English key must appear in the code as a string literal, with or without its
  // namespace prefix (t('nav.dashboard') under useTranslation('common'), or 'menu:go.title').
  const source = sourceText(options.sourceDirs, (file) => file.endsWith(path.join('i18n', 'resources.ts')));
  const literals = new Set([...source.matchAll(/(['"`])([\w.:-]+)\1/g)].map((m) => m[2]));
  for (const id of enValues.keys()) {
    const bare = id.slice(id.indexOf(':') + 1);
    if (!literals.has(id) && !literals.has(bare)) problems.push(`en: ${id} is never used in the code`);
  }
  return problems;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const problems = checkLocales({
    localesDir: path.join(root, 'locales'),
    sourceDirs: ['renderer', 'main', 'shared'].map((d) => path.join(root, d)),
    glossaryFile: path.join(root, 'docs', 'glossary.md'),
  });
  for (const problem of problems) console.log(problem);
  console.log(problems.length ? `locales: ${problems.length} problems` : 'locales: all six languages complete and used');
  process.exit(problems.length ? 1 : 0);
}

/**
 * The locale check in `npm test`: every language has every key English has (plural forms as
 * Intl.PluralRules requires them), no value is empty, placeholders match English, and every
 * English key is used somewhere in the code. Exit 1 with one line per problem.
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
  });
  for (const problem of problems) console.log(problem);
  console.log(problems.length ? `locales: ${problems.length} problems` : 'locales: all six languages complete and used');
  process.exit(problems.length ? 1 : 0);
}

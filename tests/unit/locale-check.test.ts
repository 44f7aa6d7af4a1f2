import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLocales, parseGlossary } from '../../scripts/check-locales.js';
import { LANGUAGES, pluralCategories, type Language } from '../../shared/i18n/languages.js';
import { i18nOptions } from '../../shared/i18n/options.js';
import { resources } from '../../shared/i18n/resources.js';
import { PASSPHRASE_MIN } from '../../shared/team/format.js';

type Tree = { [key: string]: string | Tree };

let tmp: string;
let localesDir: string;
let sourceDir: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-locales-'));
  localesDir = path.join(tmp, 'locales');
  sourceDir = path.join(tmp, 'src');
  fs.mkdirSync(path.join(sourceDir, 'pages'), { recursive: true });
  // Keys used the ways the app uses them: with the namespace, bare, and as a plural stem.
  fs.writeFileSync(
    path.join(sourceDir, 'pages', 'Home.tsx'),
    "export const keys = [t('common:title'), t('greeting', { name }), t(\"nav.home\"), t(`items`, { count })];\n",
  );
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A complete, correct common.json for a language: every plural form Intl asks for. */
function cleanCommon(lang: Language): Tree {
  const tree: Tree = {
    title: `Title (${lang})`,
    greeting: `Hello {{name}} (${lang})`,
    nav: { home: `Home (${lang})` },
  };
  for (const category of pluralCategories(lang)) tree[`items_${category}`] = `{{count, number}} items (${lang}, ${category})`;
  return tree;
}

function writeLanguage(lang: string, namespaces: Record<string, Tree>) {
  const folder = path.join(localesDir, lang);
  fs.mkdirSync(folder, { recursive: true });
  for (const [ns, tree] of Object.entries(namespaces)) {
    fs.writeFileSync(path.join(folder, `${ns}.json`), JSON.stringify(tree, null, 2));
  }
}

/** All six languages, clean, with `edit` applied to one language's common.json first. */
function writeAll(edit: Partial<Record<Language, (tree: Tree) => void>> = {}) {
  for (const lang of LANGUAGES) {
    const tree = cleanCommon(lang);
    edit[lang]?.(tree);
    writeLanguage(lang, { common: tree });
  }
}

const check = () => checkLocales({ localesDir, sourceDirs: [sourceDir] });

describe('checkLocales', () => {
  it('passes a clean set of six languages', () => {
    writeAll();
    expect(check()).toEqual([]);
  });

  it('passes a clean subset when given the languages option', () => {
    writeLanguage('en', { common: cleanCommon('en') });
    writeLanguage('ar', { common: cleanCommon('ar') });
    expect(checkLocales({ localesDir, sourceDirs: [sourceDir], languages: ['en', 'ar'] })).toEqual([]);
  });

  it('reports a key missing in fr', () => {
    writeAll({ fr: (t) => delete t.title });
    expect(check()).toEqual([expect.stringMatching(/^fr: common:title\b.*missing/)]);
  });

  it('reports a nested key missing in fr', () => {
    writeAll({ fr: (t) => (t.nav = {}) });
    expect(check()).toEqual([expect.stringMatching(/^fr: common:nav\.home\b.*missing/)]);
  });

  it('reports an empty value in ru', () => {
    writeAll({ ru: (t) => (t.title = '') });
    expect(check()).toEqual([expect.stringMatching(/^ru: common:title\b.*empty/)]);
  });

  it('reports a placeholder renamed in zh', () => {
    writeAll({ zh: (t) => (t.greeting = '你好 {{nom}}') });
    const problems = check();
    expect(problems).toEqual([expect.stringMatching(/^zh: common:greeting\b.*placeholder/)]);
    expect(problems[0]).toContain('nom');
  });

  it('reports a placeholder dropped in ar', () => {
    writeAll({ ar: (t) => (t.greeting = 'مرحبا') });
    expect(check()).toEqual([expect.stringMatching(/^ar: common:greeting\b/)]);
  });

  it('reports an extra key only in es', () => {
    writeAll({ es: (t) => (t.extra = 'Extra') });
    expect(check()).toEqual([expect.stringMatching(/^es: common:extra\b/)]);
  });

  it('reports an English key not used in the source', () => {
    writeAll(Object.fromEntries(LANGUAGES.map((l) => [l, (t: Tree) => (t.orphan = `Orphan (${l})`)])));
    expect(check()).toEqual([expect.stringMatching(/^en: common:orphan\b.*never used/)]);
  });

  it('counts a key as used only when it appears in the given source dirs', () => {
    writeAll(Object.fromEntries(LANGUAGES.map((l) => [l, (t: Tree) => (t.orphan = `Orphan (${l})`)])));
    const other = path.join(tmp, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'menu.ts'), "t('common:orphan');\n");
    expect(checkLocales({ localesDir, sourceDirs: [sourceDir, other] })).toEqual([]);
  });

  it('reports missing plural forms: ar without _few, ru without _many', () => {
    writeAll({ ar: (t) => delete t.items_few, ru: (t) => delete t.items_many });
    const problems = check();
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ar: common:items\b.*_few/),
        expect.stringMatching(/^ru: common:items\b.*_many/),
      ]),
    );
  });

  it('reports a missing language folder and a missing namespace file', () => {
    writeAll();
    fs.rmSync(path.join(localesDir, 'es'), { recursive: true });
    fs.writeFileSync(path.join(localesDir, 'en', 'menu.json'), '{"x":"y"}');
    const problems = check();
    expect(problems.some((p) => p.startsWith('es:') && p.includes('missing'))).toBe(true);
    expect(problems.some((p) => p.startsWith('ru:') && p.includes('menu.json is missing'))).toBe(true);
  });

  it('reports a file that is not JSON', () => {
    writeAll();
    fs.writeFileSync(path.join(localesDir, 'zh', 'common.json'), '{"title": ');
    expect(check().some((p) => p.startsWith('zh/common.json: not valid JSON'))).toBe(true);
  });

  it('accepts an English singular without {{count}} (keys in the usual order)', () => {
    writeAll({ en: (t) => (t.items_one = 'One item') });
    expect(check()).toEqual([]);
  });

  // Plural placeholders are compared over all forms of a key, so the order of the keys in the
  // files cannot change the verdict: same content as above, English lists items_other first.
  it('does not depend on the order of plural keys in the English file', () => {
    writeAll({
      en: (t) => {
        delete t.items_one;
        delete t.items_other;
        t.items_other = '{{count, number}} items';
        t.items_one = 'One item';
      },
    });
    expect(check()).toEqual([]);
  });

  it('reports a count written without number formatting, in any language', () => {
    writeAll({ fr: (t) => (t.items_other = '{{count}} éléments') });
    expect(check()).toEqual([expect.stringMatching(/^fr: common:items_other writes \{\{count\}\} without number formatting/)]);
  });

  it('reports every numeric placeholder without a number format, and accepts number options', () => {
    writeAll({
      en: (t) => {
        t.greeting = 'Hello {{name}}: item {{position}} of {{total, number}}, resolution {{number, number(useGrouping: false)}}';
      },
    });
    const problems = check();
    // position is unformatted; total and number are formatted; name is no number. English also
    // gains placeholders the others lack, which the placeholder comparison reports separately.
    expect(problems.filter((p) => p.includes('number formatting'))).toEqual([
      expect.stringMatching(/^en: common:greeting writes \{\{position\}\}/),
    ]);
  });

  it('reports a key that writes {{count}} without plural forms', () => {
    writeAll(Object.fromEntries(LANGUAGES.map((l) => [l, (t: Tree) => (t.title = `{{count, number}} records (${l})`)])));
    expect(check()).toEqual([expect.stringMatching(/^en: common:title writes \{\{count\}\} but has no plural forms/)]);
  });

  it('reports a number of two digits or more written into a sentence (a constant of the code)', () => {
    writeAll({
      ru: (t) => (t.title = 'Около 500 слов'),
      ar: (t) => (t.greeting = 'مرحبا {{name}} ١٠ أيام'),
      es: (t) => (t.nav = { home: 'Inicio 2' }),
    });
    const problems = check();
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ru: common:title contains the number 500/),
        expect.stringMatching(/^ar: common:greeting contains the number ١٠/),
      ]),
    );
  });

  it('reports French punctuation without its no-break space, and the straight apostrophe', () => {
    writeAll({
      fr: (t) => {
        t.title = "Titre de l'équipe"; // ' instead of ’
        t.greeting = 'Bonjour {{name}} : bienvenue ; prêt ?'; // ordinary spaces
        t.nav = { home: 'Accueil\u202F: «\u00A0maison»' }; // narrow space before a colon, none before »
      },
    });
    const problems = check();
    expect(problems).toEqual([
      expect.stringMatching(/^fr: common:title uses the apostrophe '/),
      expect.stringMatching(/^fr: common:greeting needs a no-break space U\+00A0 before “:”/),
      expect.stringMatching(/^fr: common:greeting needs a narrow no-break space U\+202F before “;”/),
      expect.stringMatching(/^fr: common:greeting needs a narrow no-break space U\+202F before “\?”/),
      expect.stringMatching(/^fr: common:nav\.home needs a no-break space U\+00A0 before “:”/),
      expect.stringMatching(/^fr: common:nav\.home needs a no-break space U\+00A0 before »/),
    ]);
  });

  it('accepts French typography done right, and leaves code-like colons alone', () => {
    writeAll({
      fr: (t) => {
        t.title = 'Titre de l’équipe\u00A0: «\u00A0PAN\u00A0» ; --scope nap:ID, marqués «»'.replace(' ;', '\u202F;');
        t.greeting = 'Bonjour {{name}}\u202F!';
      },
    });
    expect(check()).toEqual([]);
  });

  it('reports Arabic tanween written before the alif', () => {
    writeAll({ ar: (t) => (t.title = 'شكرًا') });
    expect(check()).toEqual([expect.stringMatching(/^ar: common:title writes tanween before the alif/)]);
    writeAll({ ar: (t) => (t.title = 'شكراً') });
    expect(check()).toEqual([]);
  });

  describe('the glossary', () => {
    const glossaryFile = () => path.join(tmp, 'glossary.md');
    const writeGlossary = (rows: string[]) =>
      fs.writeFileSync(
        glossaryFile(),
        ['# Glossary', '', '## Terms', '', '| English | Français | Español | Русский | 中文 | العربية | Other senses |', '|---|---|---|---|---|---|---|', ...rows, '', '## Notes', '| not | a | term |'].join('\n'),
      );
    const checkWithGlossary = () => checkLocales({ localesDir, sourceDirs: [sourceDir], glossaryFile: glossaryFile() });
    const snapshotRow = '| snapshot | instantané | instantánea | снимок (also: снимк) | 快照 | لقطة (also: لقط) | |';

    it('parses a row: the first form, the accepted forms, "—", and the other senses', () => {
      const [term] = parseGlossary(['## Terms', '| a | b | c | d | e | f | g |', '|---|', '| heading | rubrique | — | раздел (also: раздел, разделы) | 标题 | عنوان | ns:a, ns:b |'].join('\n'));
      expect(term).toEqual({
        en: ['heading'],
        forms: { en: ['heading'], fr: ['rubrique'], ru: ['раздел', 'раздел', 'разделы'], zh: ['标题'], ar: ['عنوان'] },
        except: new Set(['ns:a', 'ns:b']),
      });
    });

    it('reports a translation that uses another word for a glossary term', () => {
      writeGlossary([snapshotRow]);
      writeAll({
        en: (t) => (t.title = 'Snapshots'),
        fr: (t) => (t.title = 'Instantanés'),
        es: (t) => (t.title = 'Versiones guardadas'),
        ru: (t) => (t.title = 'Снимки'), // the stem covers the plural
        zh: (t) => (t.title = '存档版本'),
        ar: (t) => (t.title = 'اللقطات'),
      });
      expect(checkWithGlossary()).toEqual([
        expect.stringMatching(/^zh: common:title translates “snapshot” without the glossary's “快照”/),
        expect.stringMatching(/^es: common:title translates “snapshot” without the glossary's “instantánea”/),
      ]);
    });

    it('matches English whole words only, outside code tokens and placeholders', () => {
      writeGlossary([snapshotRow, '| status | statut | estado | статус | 状态 | الحالة | |']);
      // No whole-word use in the title; in the greeting a placeholder is not the word.
      writeAll({
        ...Object.fromEntries(LANGUAGES.map((l) => [l, (t: Tree) => (t.greeting = `{{name}} → {{status}} (${l})`)])),
        en: (t) => {
          t.title = 'Snapshotting --kind nap.snapshot --status';
          t.greeting = 'Hello {{name}} set to {{status}}';
        },
      });
      expect(checkWithGlossary()).toEqual([]);
    });

    it('leaves out the keys named as other senses of the word', () => {
      writeGlossary(['| heading | rubrique | epígrafe | раздел | 标题 | عنوان | common:title |']);
      writeAll({ en: (t) => (t.title = 'Markdown: # heading') });
      expect(checkWithGlossary()).toEqual([]);
    });
  });

  it('the real repository passes', () => {
    expect(checkLocales({ localesDir: 'locales', sourceDirs: ['renderer', 'main', 'shared'], glossaryFile: 'docs/glossary.md' })).toEqual([]);
  });
});

describe('numbers in the real sentences', () => {
  const translate = (lang: Language) => {
    const instance = i18next.createInstance();
    void instance.init(i18nOptions(lang, resources));
    return instance;
  };

  it('are grouped the language’s way, and pick the plural form from the count', () => {
    const group = (lang: Language) => new Intl.NumberFormat(lang).format(10000);
    for (const lang of ['fr', 'ru', 'ar', 'en'] as const) {
      expect(translate(lang).t('cli:out.valid', { count: 10000 })).toContain(group(lang));
      expect(translate(lang).t('naps:translation.progress', { done: 1500, count: 10000, language: 'x' })).toContain(group(lang));
    }
    expect(translate('en').t('cli:out.exported', { count: 1, out: 'f' })).toBe('Exported 1 record to f.');
    expect(translate('ru').t('meetings:notes.tooLong', { count: 1000002, max: 1000000 })).toMatch(/1\s000\s002 знака/);
  });

  it('the passphrase minimum is the one the code checks, for a bundle as for the team folder', () => {
    for (const lang of LANGUAGES) {
      const t = translate(lang).t;
      for (const said of [t('pages:bundles.export.tooShort', { min: PASSPHRASE_MIN }), t('errors:team.passphrase_short', { min: PASSPHRASE_MIN })]) {
        expect(said, lang).toContain(new Intl.NumberFormat(lang).format(PASSPHRASE_MIN));
        expect(said, lang).not.toContain('{{');
      }
    }
  });

  it('a resolution number is not grouped', () => {
    expect(translate('fr').t('records:items.resolution', { number: 1325 })).toContain('1325');
  });
});

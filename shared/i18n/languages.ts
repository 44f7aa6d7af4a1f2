/** The six official UN languages, in the order the UN lists them (English alphabetical). */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const NAMESPACES = ['common', 'pages', 'settings', 'errors', 'menu', 'cli', 'records', 'naps', 'meetings', 'statements', 'documents', 'search'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Direction of a language's script, from Intl where the runtime knows it (Signal's approach),
 * with the CLDR fact for our six as the fallback for runtimes without getTextInfo.
 */
export function textDirection(language: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & {
      getTextInfo?: () => { direction?: string };
      textInfo?: { direction?: string };
    };
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  } catch {
    // an unparsable tag falls through to the table below
  }
  return language.split(/[-_]/)[0]?.toLowerCase() === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The first of the given locale tags (OS or browser preferences, best first) that is one of the six
 * languages. Accepts POSIX forms like `fr_FR.UTF-8` and BCP 47 forms like `zh-Hans-CN`.
 */
export function matchLanguage(tags: readonly string[]): Language | undefined {
  for (const raw of tags) {
    const tag = raw.split('.')[0]?.split('@')[0]?.replace(/_/g, '-');
    if (!tag || tag === 'C' || tag === 'POSIX') continue;
    const primary = tag.split('-')[0]?.toLowerCase();
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

/** Plural categories a language needs, from Intl (Arabic six, Russian four, English two…). */
export function pluralCategories(language: Language): readonly string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories;
}

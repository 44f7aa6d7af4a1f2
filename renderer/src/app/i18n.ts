import i18next, { type i18n, type Resource, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { i18nOptions } from '../../../shared/i18n/options';
import { NAMESPACES, textDirection, type Language } from '../../../shared/i18n/languages';

/** The namespaces the window shows (the native menu's and the terminal's stay on the main side). */
const WINDOW_NAMESPACES = NAMESPACES.filter((ns) => ns !== 'menu' && ns !== 'cli');

/**
 * Each locale file is its own chunk: the window loads the language it shows and English (the
 * fallback), not all six, and another language the moment the person picks it.
 */
const LOCALE_FILES = import.meta.glob<ResourceLanguage>('../../../locales/*/*.json', { import: 'default' });

async function loadLanguage(language: Language): Promise<ResourceLanguage> {
  const entries = await Promise.all(
    WINDOW_NAMESPACES.map(async (ns) => [ns, await LOCALE_FILES[`../../../locales/${language}/${ns}.json`]!()] as const),
  );
  return Object.fromEntries(entries);
}

/** The texts of `language` and of the fallback, for createRendererI18n. */
export async function loadTexts(language: Language): Promise<Resource> {
  const languages = [...new Set([language, 'en' as const])];
  const loaded = await Promise.all(languages.map(loadLanguage));
  return Object.fromEntries(languages.map((l, i) => [l, loaded[i]!]));
}

/** An instance with these texts (loadTexts in the app; every language at once in tests). */
export function createRendererI18n(language: Language, resources: Resource): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init(i18nOptions(language, resources));
  return instance;
}

/** Switches the instance's language, loading its texts first if this window has not shown it yet. */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  if (!instance.hasResourceBundle(language, 'common')) {
    const texts = await loadLanguage(language);
    for (const [ns, bundle] of Object.entries(texts)) instance.addResourceBundle(language, ns, bundle, true, true);
  }
  await instance.changeLanguage(language);
}

/** `<html lang dir>`: screen readers pick the voice from lang, the layout mirrors from dir. */
export function applyDocumentLanguage(language: Language): 'ltr' | 'rtl' {
  const dir = textDirection(language);
  document.documentElement.lang = language;
  document.documentElement.dir = dir;
  return dir;
}

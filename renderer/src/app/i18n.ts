import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { i18nOptions } from '../../../shared/i18n/options';
import { textDirection, type Language } from '../../../shared/i18n/languages';

export function createRendererI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init(i18nOptions(language));
  return instance;
}

/** `<html lang dir>`: screen readers pick the voice from lang, the layout mirrors from dir. */
export function applyDocumentLanguage(language: Language): 'ltr' | 'rtl' {
  const dir = textDirection(language);
  document.documentElement.lang = language;
  document.documentElement.dir = dir;
  return dir;
}

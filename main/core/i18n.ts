import i18next, { type i18n } from 'i18next';
import { i18nOptions } from '../../shared/i18n/options.js';
import { resources } from '../../shared/i18n/resources.js';
import type { Language } from '../../shared/i18n/languages.js';

/** A main-side i18next instance: native menus, dialogs and terminal messages use it. */
export function createMainI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init(i18nOptions(language, resources));
  return instance;
}

import type { InitOptions } from 'i18next';
import { LANGUAGES, NAMESPACES, type Language } from './languages.js';
import { resources } from './resources.js';

/** One i18next configuration for the renderer and the main side (menus, terminal messages). */
export function i18nOptions(language: Language): InitOptions {
  return {
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  };
}

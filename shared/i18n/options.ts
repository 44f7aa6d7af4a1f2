import type { InitOptions, Resource } from 'i18next';
import { LANGUAGES, NAMESPACES, type Language } from './languages.js';

/**
 * One i18next configuration for the renderer and the main side (menus, terminal messages). The
 * texts are passed in: the main side has all six languages at hand (shared/i18n/resources), the
 * renderer loads the one in use (and English, the fallback) when it needs it.
 */
export function i18nOptions(language: Language, resources: Resource): InitOptions {
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

import type { Language, Namespace } from './languages.js';
import arCommon from '../../locales/ar/common.json';
import arErrors from '../../locales/ar/errors.json';
import arMenu from '../../locales/ar/menu.json';
import arPages from '../../locales/ar/pages.json';
import arSettings from '../../locales/ar/settings.json';
import enCommon from '../../locales/en/common.json';
import enErrors from '../../locales/en/errors.json';
import enMenu from '../../locales/en/menu.json';
import enPages from '../../locales/en/pages.json';
import enSettings from '../../locales/en/settings.json';
import esCommon from '../../locales/es/common.json';
import esErrors from '../../locales/es/errors.json';
import esMenu from '../../locales/es/menu.json';
import esPages from '../../locales/es/pages.json';
import esSettings from '../../locales/es/settings.json';
import frCommon from '../../locales/fr/common.json';
import frErrors from '../../locales/fr/errors.json';
import frMenu from '../../locales/fr/menu.json';
import frPages from '../../locales/fr/pages.json';
import frSettings from '../../locales/fr/settings.json';
import ruCommon from '../../locales/ru/common.json';
import ruErrors from '../../locales/ru/errors.json';
import ruMenu from '../../locales/ru/menu.json';
import ruPages from '../../locales/ru/pages.json';
import ruSettings from '../../locales/ru/settings.json';
import zhCommon from '../../locales/zh/common.json';
import zhErrors from '../../locales/zh/errors.json';
import zhMenu from '../../locales/zh/menu.json';
import zhPages from '../../locales/zh/pages.json';
import zhSettings from '../../locales/zh/settings.json';

/** English is the reference: its shape types every `t()` key (see renderer/src/i18n.d.ts). */
export const en = {
  common: enCommon,
  pages: enPages,
  settings: enSettings,
  errors: enErrors,
  menu: enMenu,
};

type Bundle = Record<Namespace, Record<string, unknown>>;

/**
 * Every language's strings, bundled: the app works offline and switches language without a
 * reload or a file read. The locale check (npm test) keeps the six folders identical in shape.
 */
export const resources: Record<Language, Bundle> = {
  ar: { common: arCommon, pages: arPages, settings: arSettings, errors: arErrors, menu: arMenu },
  en,
  es: { common: esCommon, pages: esPages, settings: esSettings, errors: esErrors, menu: esMenu },
  fr: { common: frCommon, pages: frPages, settings: frSettings, errors: frErrors, menu: frMenu },
  ru: { common: ruCommon, pages: ruPages, settings: ruSettings, errors: ruErrors, menu: ruMenu },
  zh: { common: zhCommon, pages: zhPages, settings: zhSettings, errors: zhErrors, menu: zhMenu },
};

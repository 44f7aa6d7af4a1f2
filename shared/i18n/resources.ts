import type { Language, Namespace } from './languages.js';
import arCommon from '../../locales/ar/common.json';
import arErrors from '../../locales/ar/errors.json';
import arCli from '../../locales/ar/cli.json';
import arRecords from '../../locales/ar/records.json';
import arMenu from '../../locales/ar/menu.json';
import arPages from '../../locales/ar/pages.json';
import arSettings from '../../locales/ar/settings.json';
import enCommon from '../../locales/en/common.json';
import enErrors from '../../locales/en/errors.json';
import enCli from '../../locales/en/cli.json';
import enRecords from '../../locales/en/records.json';
import enMenu from '../../locales/en/menu.json';
import enPages from '../../locales/en/pages.json';
import enSettings from '../../locales/en/settings.json';
import esCommon from '../../locales/es/common.json';
import esErrors from '../../locales/es/errors.json';
import esCli from '../../locales/es/cli.json';
import esRecords from '../../locales/es/records.json';
import esMenu from '../../locales/es/menu.json';
import esPages from '../../locales/es/pages.json';
import esSettings from '../../locales/es/settings.json';
import frCommon from '../../locales/fr/common.json';
import frErrors from '../../locales/fr/errors.json';
import frCli from '../../locales/fr/cli.json';
import frRecords from '../../locales/fr/records.json';
import frMenu from '../../locales/fr/menu.json';
import frPages from '../../locales/fr/pages.json';
import frSettings from '../../locales/fr/settings.json';
import ruCommon from '../../locales/ru/common.json';
import ruErrors from '../../locales/ru/errors.json';
import ruCli from '../../locales/ru/cli.json';
import ruRecords from '../../locales/ru/records.json';
import ruMenu from '../../locales/ru/menu.json';
import ruPages from '../../locales/ru/pages.json';
import ruSettings from '../../locales/ru/settings.json';
import zhCommon from '../../locales/zh/common.json';
import zhErrors from '../../locales/zh/errors.json';
import zhCli from '../../locales/zh/cli.json';
import zhRecords from '../../locales/zh/records.json';
import zhMenu from '../../locales/zh/menu.json';
import zhPages from '../../locales/zh/pages.json';
import zhSettings from '../../locales/zh/settings.json';
import arNaps from '../../locales/ar/naps.json';
import arMeetings from '../../locales/ar/meetings.json';
import enNaps from '../../locales/en/naps.json';
import enMeetings from '../../locales/en/meetings.json';
import esNaps from '../../locales/es/naps.json';
import esMeetings from '../../locales/es/meetings.json';
import frNaps from '../../locales/fr/naps.json';
import frMeetings from '../../locales/fr/meetings.json';
import ruNaps from '../../locales/ru/naps.json';
import ruMeetings from '../../locales/ru/meetings.json';
import zhNaps from '../../locales/zh/naps.json';
import zhMeetings from '../../locales/zh/meetings.json';
import arStatements from '../../locales/ar/statements.json';
import arSearch from '../../locales/ar/search.json';
import arDocuments from '../../locales/ar/documents.json';
import enStatements from '../../locales/en/statements.json';
import enSearch from '../../locales/en/search.json';
import enDocuments from '../../locales/en/documents.json';
import esStatements from '../../locales/es/statements.json';
import esSearch from '../../locales/es/search.json';
import esDocuments from '../../locales/es/documents.json';
import frStatements from '../../locales/fr/statements.json';
import frSearch from '../../locales/fr/search.json';
import frDocuments from '../../locales/fr/documents.json';
import ruStatements from '../../locales/ru/statements.json';
import ruSearch from '../../locales/ru/search.json';
import ruDocuments from '../../locales/ru/documents.json';
import zhStatements from '../../locales/zh/statements.json';
import zhSearch from '../../locales/zh/search.json';
import zhDocuments from '../../locales/zh/documents.json';

/** English is the reference: its shape types every `t()` key (see renderer/src/i18n.d.ts). */
export const en = {
  common: enCommon,
  pages: enPages,
  settings: enSettings,
  errors: enErrors,
  menu: enMenu,
  cli: enCli,
  records: enRecords,
  naps: enNaps,
  meetings: enMeetings,
  statements: enStatements,
  search: enSearch,
  documents: enDocuments,
};

type Bundle = Record<Namespace, Record<string, unknown>>;

/**
 * Every language's strings, bundled: the app works offline and switches language without a
 * reload or a file read. The locale check (npm test) keeps the six folders identical in shape.
 */
export const resources: Record<Language, Bundle> = {
  ar: { common: arCommon, pages: arPages, settings: arSettings, errors: arErrors, menu: arMenu, cli: arCli, records: arRecords, naps: arNaps, meetings: arMeetings, statements: arStatements, documents: arDocuments, search: arSearch },
  en,
  es: { common: esCommon, pages: esPages, settings: esSettings, errors: esErrors, menu: esMenu, cli: esCli, records: esRecords, naps: esNaps, meetings: esMeetings, statements: esStatements, documents: esDocuments, search: esSearch },
  fr: { common: frCommon, pages: frPages, settings: frSettings, errors: frErrors, menu: frMenu, cli: frCli, records: frRecords, naps: frNaps, meetings: frMeetings, statements: frStatements, documents: frDocuments, search: frSearch },
  ru: { common: ruCommon, pages: ruPages, settings: ruSettings, errors: ruErrors, menu: ruMenu, cli: ruCli, records: ruRecords, naps: ruNaps, meetings: ruMeetings, statements: ruStatements, documents: ruDocuments, search: ruSearch },
  zh: { common: zhCommon, pages: zhPages, settings: zhSettings, errors: zhErrors, menu: zhMenu, cli: zhCli, records: zhRecords, naps: zhNaps, meetings: zhMeetings, statements: zhStatements, documents: zhDocuments, search: zhSearch },
};

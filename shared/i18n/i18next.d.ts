import 'i18next';
import type { en } from './resources.js';

/** English types every key: t('pages:nap.titel') fails to compile. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
  }
}

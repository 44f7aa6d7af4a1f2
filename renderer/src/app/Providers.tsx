import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useColorScheme } from '@mantine/hooks';
import 'dayjs/locale/ar';
import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import 'dayjs/locale/ru';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, type ReactNode } from 'react';
import type { Resource } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { dayjsLocale, weekOf } from '../../../shared/i18n/date-input';
import type { Language } from '../../../shared/i18n/languages';
import type { Theme } from '../../../shared/settings';
import { applyDocumentLanguage, createRendererI18n, switchLanguage } from './i18n';
import { cssVariablesResolver, theme as mantineTheme } from './theme';

function DirectionSync({ language }: { language: Language }) {
  const { setDirection } = useDirection();
  useEffect(() => setDirection(applyDocumentLanguage(language)), [language, setDirection]);
  return null;
}

/**
 * Language, direction and colour scheme for everything below. A language switch applies at once:
 * i18next re-renders the texts, `<html lang dir>` and Mantine's direction follow, and so do the
 * calendars' month and weekday names and first day of the week (the dayjs locales are a few hundred
 * bytes each, so all five load with the window).
 */
export function Providers(props: { language: Language; texts: Resource; theme: Theme; children: ReactNode }) {
  const { language } = props;
  // One i18next instance for the window's life; switching language only changes its language.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const i18n = useMemo(() => createRendererI18n(language, props.texts), []);
  useEffect(() => {
    if (i18n.language !== language) void switchLanguage(i18n, language);
  }, [i18n, language]);
  const system = useColorScheme('light');
  const scheme = props.theme === 'system' ? system : props.theme;
  const initialDirection = useMemo(() => applyDocumentLanguage(language), []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={initialDirection} detectDirection={false}>
        <DirectionSync language={language} />
        <MantineProvider theme={mantineTheme} cssVariablesResolver={cssVariablesResolver} forceColorScheme={scheme}>
          <DatesProvider settings={{ locale: dayjsLocale(language), ...weekOf(language) }}>{props.children}</DatesProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}

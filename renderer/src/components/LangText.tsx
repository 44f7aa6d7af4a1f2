import type { ElementType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, textDirection, type Language } from '../../../shared/i18n/languages';
import type { Json } from '../../../shared/sync/record';

/** Which language of a text to show: the UI language's if it has one, else the first written; null if none. */
export function pickLanguage(value: unknown, uiLanguage: string): Language | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const texts = value as Partial<Record<Language, string>>;
  const ui = uiLanguage.split('-')[0] as Language;
  if ((LANGUAGES as readonly string[]).includes(ui) && texts[ui]) return ui;
  return LANGUAGES.find((l) => texts[l]) ?? null;
}

/** The version of a text to show (a plain string is shown as it is, in no marked language). */
export function pickText(value: Json | undefined, uiLanguage: string): { text: string; lang: string } | null {
  if (typeof value === 'string') return value ? { text: value, lang: '' } : null;
  const lang = pickLanguage(value, uiLanguage);
  return lang ? { text: (value as Record<string, string>)[lang]!, lang } : null;
}

/**
 * A person's text inside the UI: marked with its language and running in its own direction
 * (an Arabic title inside an English list, an English one inside an Arabic list).
 */
export function LangText(props: { value: Json | undefined; fallback: ReactNode; component?: ElementType }) {
  const { i18n } = useTranslation();
  const picked = pickText(props.value, i18n.language);
  const Component = props.component ?? 'span';
  if (!picked) return <Component>{props.fallback}</Component>;
  return picked.lang ? (
    <Component lang={picked.lang} dir={textDirection(picked.lang)}>
      {picked.text}
    </Component>
  ) : (
    <Component dir="auto">{picked.text}</Component>
  );
}

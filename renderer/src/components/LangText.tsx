import type { ElementType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, textDirection } from '../../../shared/i18n/languages';
import type { Json } from '../../../shared/sync/record';

/** The version of a text to show: the UI language's if there is one, else the first written. */
export function pickText(value: Json | undefined, uiLanguage: string): { text: string; lang: string } | null {
  if (typeof value === 'string') return value ? { text: value, lang: '' } : null;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const texts = value as Record<string, string>;
  const ui = uiLanguage.split('-')[0]!;
  if (texts[ui]) return { text: texts[ui], lang: ui };
  const lang = LANGUAGES.find((l) => texts[l]);
  return lang ? { text: texts[lang]!, lang } : null;
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

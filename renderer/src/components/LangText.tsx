import type { ElementType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection } from '../../../shared/i18n/languages';
import { shownLanguage } from '../../../shared/records/text-version';
import type { Json } from '../../../shared/sync/record';

/** Which language of a text to show (and to edit): the one rule, kept in shared/. */
export const pickLanguage = shownLanguage;

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

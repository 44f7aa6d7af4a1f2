import type { ElementType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection } from '../../../shared/i18n/languages';
import { shownText } from '../../../shared/records/text-version';
import type { Json } from '../../../shared/sync/record';

/**
 * A person's text inside the UI: marked with its language and running in its own direction
 * (an Arabic title inside an English list, an English one inside an Arabic list).
 */
export function LangText(props: { value: Json | undefined; fallback: ReactNode; component?: ElementType }) {
  const { i18n } = useTranslation();
  const picked = shownText(props.value, i18n.language);
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

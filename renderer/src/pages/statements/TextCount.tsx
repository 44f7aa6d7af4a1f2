import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n/languages';
import { useTextCount } from '../../hooks/useTextCount';

/**
 * How long one language version of a statement is, against its target: "312 / 500 words", and for
 * Chinese also the characters. Going over is said in colour and in words; typing is never stopped.
 */
export function TextCount(props: { text: string; language: Language; target: number; id?: string }) {
  const { t, i18n } = useTranslation('statements');
  const count = useTextCount(props.text, props.language, props.target);
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Text component="span" size="sm" id={props.id} className="statement-count" data-over={count.over > 0 || undefined} data-testid="statement-count">
      <span>{t('count.words', { count: count.target, words: count.words, target: number.format(count.target) })}</span>
      {count.showCharacters && <span>{t('count.characters', { count: count.characters })}</span>}
      {count.over > 0 && <span className="statement-over">{t('count.over', { count: count.over })}</span>}
    </Text>
  );
}

import type { ReactNode } from 'react';
import { textDirection } from '../../../../shared/i18n/languages';
import type { Snippet as SnippetData } from '../../../../shared/search/api';

const COMBINING = /\p{M}/u;

/** The text with its marked stretches as `<mark>`; marks out of range or overlapping are clamped. */
export function markedText(text: string, marks: readonly (readonly [number, number])[]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of [...marks].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    let end = Math.max(start, Math.min(rawEnd, text.length));
    // A vowel sign or other combining mark stays with its letter: cut from it, it draws on its own.
    while (end < text.length && COMBINING.test(text[end]!)) end++;
    if (end === start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/**
 * A stretch of a record's text with the words found highlighted, in the language and direction of
 * the version it comes from (an Arabic note reads right to left inside an English list); "…"
 * says where the text goes on.
 */
export function Snippet({ snippet, className }: { snippet: SnippetData; className?: string }) {
  const lang = snippet.language;
  return (
    <span className={className} lang={lang ?? undefined} dir={lang ? textDirection(lang) : 'auto'}>
      {snippet.cutStart && '…'}
      {markedText(snippet.text, snippet.marks)}
      {snippet.cutEnd && '…'}
    </span>
  );
}

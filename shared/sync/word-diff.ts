import { diffComm } from 'node-diff3';

export type DiffPart = { kind: 'same' | 'removed' | 'added'; text: string };

const words = new Intl.Segmenter('en', { granularity: 'word' });
const tokens = (text: string) => [...words.segment(text)].map((s) => s.segment);

/**
 * What changed from `before` to `after`, word by word (Intl.Segmenter, so Chinese and Arabic
 * split into words too): for showing two sides of an edit conflict.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], list: string[] | undefined) => {
    if (!list || list.length === 0) return;
    const text = list.join('');
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  for (const block of diffComm(tokens(before), tokens(after))) {
    if ('common' in block) push('same', block.common);
    else {
      push('removed', block.buffer1);
      push('added', block.buffer2);
    }
  }
  return parts;
}

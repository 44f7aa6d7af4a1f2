import { diff3Merge } from 'node-diff3';

/**
 * Text is compared sentence by sentence, and each line break stands alone, so two people editing
 * different sentences of one paragraph both keep their edit; word-level merging produces silent
 * duplication (Joplin's experience), line-level merging makes any two edits of a paragraph clash.
 */
const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const line of text.split(/(\n)/)) {
    if (line === '') continue;
    if (line === '\n') {
      tokens.push(line);
      continue;
    }
    for (const { segment } of sentences.segment(line)) tokens.push(segment);
  }
  return tokens;
}

function counts(tokens: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const token of tokens) {
    const key = token.trim();
    if (key) map.set(key, (map.get(key) ?? 0) + 1);
  }
  return map;
}

/**
 * Three-way merge of two concurrent edits of one text against their common version. Returns null
 * (a conflict the user resolves) when the edits touch the same or adjacent sentences, when there
 * is no common version to compare with, or when the result would repeat a sentence that neither
 * side repeats.
 */
export function mergeText(base: string, a: string, b: string): string | null {
  if (a === b) return a;
  if (a === base) return b;
  if (b === base) return a;
  if (base === '') return null;
  const o = tokenize(base);
  const x = tokenize(a);
  const y = tokenize(b);
  const out: string[] = [];
  for (const block of diff3Merge(x, o, y, { excludeFalseConflicts: true })) {
    if (block.conflict) return null;
    out.push(...(block.ok ?? []));
  }
  const ca = counts(x);
  const cb = counts(y);
  for (const [sentence, n] of counts(out)) {
    if (n > Math.max(ca.get(sentence) ?? 0, cb.get(sentence) ?? 0)) return null;
  }
  return out.join('');
}

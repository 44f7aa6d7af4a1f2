import type { RecordView } from '../records/codec.js';
import { headingIndex } from './numbering.js';

export interface ActionGroup {
  /** The heading code (`a`, `b`…); '' for the points under no heading, always last. */
  letter: string;
  /** The heading's title as the meeting names it ('' when it has none). */
  title: string;
  points: RecordView[];
}

/** An action point's number under its heading; one without a number sorts after those with one. */
export const pointNumber = (ap: RecordView) => (typeof ap.fields.number === 'number' ? ap.fields.number : Number.MAX_SAFE_INTEGER);

/**
 * A meeting's action points as a chair's summary groups them: under their headings in heading
 * order (every heading the meeting names, even one without points yet), numbered within each; the
 * points a meeting template added for its procedure (request letter, background material…) are
 * the organisers' own steps, not what the meeting agreed, and are left out unless given a heading.
 */
export function groupActionPoints(points: readonly RecordView[], headings: readonly { letter: string; title: string }[]): ActionGroup[] {
  const byHeading = new Map<string, RecordView[]>();
  for (const ap of points) {
    if (ap.fields.templateStep && !ap.fields.heading) continue;
    const letter = typeof ap.fields.heading === 'string' ? ap.fields.heading : '';
    byHeading.set(letter, [...(byHeading.get(letter) ?? []), ap]);
  }
  const letters = [...new Set([...headings.map((h) => h.letter), ...byHeading.keys()].filter((l) => l !== ''))].sort(
    (a, b) => headingIndex(a) - headingIndex(b),
  );
  if (byHeading.has('')) letters.push('');
  return letters.map((letter) => ({
    letter,
    title: headings.find((h) => h.letter === letter)?.title ?? '',
    points: [...(byHeading.get(letter) ?? [])].sort((a, b) => pointNumber(a) - pointNumber(b) || a.created.at - b.created.at),
  }));
}

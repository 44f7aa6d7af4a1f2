import { useCallback, useEffect, useRef, useState } from 'react';
import type { Kind } from '../../../shared/records/kinds';
import { useAppState } from '../api/state';

export interface SearchMatches {
  /** The ids the words find; null while the box is empty (nothing to filter by). */
  ids: ReadonlySet<string> | null;
  /** Whether the answer for the text as typed now is still awaited (`ids` is the previous one). */
  pending: boolean;
  /** Why the last question failed (null when it did not). */
  error: unknown;
  retry(): void;
}

interface Answer {
  text: string;
  ids: ReadonlySet<string> | null;
  error: unknown;
}

/**
 * What a list's search box finds, from the core's search index: the records of `kind` whose own
 * texts or whose items' texts have the words (a NAP whose action mentions "police"), folded and
 * matched as the global search does. `data` is the list the page shows: when it reloads (an edit
 * here or elsewhere, an import), the question is asked again, so the filter follows the records.
 *
 * Until the answer for new text arrives the previous answer stays, so the list never flashes
 * "no results" while someone types; an answer to older text that comes late is dropped.
 */
export function useSearchMatches(kind: Kind, text: string, data: unknown): SearchMatches {
  const { api } = useAppState();
  const query = text.trim();
  const [answer, setAnswer] = useState<Answer>({ text: '', ids: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  /** The question the core is answering now, if any. */
  const inFlight = useRef<Promise<unknown> | null>(null);

  useEffect(() => {
    const asked = ++latest.current;
    let superseded = false;
    const apply = (next: (previous: Answer) => Answer) => {
      if (asked === latest.current) setAnswer(next);
    };
    // Asked at once when the core is free; while it answers, only the latest text waits its turn
    // (keystrokes made meanwhile replace each other), so fast typing never queues up questions.
    const ask = () => {
      if (superseded) return;
      // An emptied box filters nothing at once (below); the stored answer is reset too, so the
      // next words start from the whole list, not from an older search's result.
      if (!query) return apply(() => ({ text: '', ids: null, error: null }));
      const request = api.call('search.match', { text: query, kind }).then(
        ({ ids }) => apply(() => ({ text: query, ids: new Set(ids), error: null })),
        // The list keeps its last filter under the error (the page says the search failed).
        (error: unknown) => apply((previous) => ({ text: query, ids: previous.ids, error })),
      );
      inFlight.current = request;
      void request.finally(() => {
        if (inFlight.current === request) inFlight.current = null;
      });
    };
    const busy = inFlight.current;
    if (busy) void busy.finally(ask);
    else void Promise.resolve().then(ask);
    return () => {
      superseded = true;
    };
    // `data` is a dependency only: a reloaded list asks again.
  }, [api, kind, query, data, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  if (!query) return { ids: null, pending: false, error: null, retry };
  return { ids: answer.ids, pending: answer.text !== query, error: answer.error, retry };
}

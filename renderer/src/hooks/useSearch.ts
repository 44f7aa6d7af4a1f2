import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../shared/search/api';
import { useAppState } from '../api/state';

/** Time after the last keystroke before a query is sent: one request per pause, not per letter. */
export const SEARCH_DEBOUNCE_MS = 150;
/** Results fetched per request (and per "Show more"). */
export const SEARCH_PAGE = 20;

export interface SearchResults {
  /** The query these results are for (as typed, trimmed); '' before anything was searched. */
  query: string;
  hits: SearchHit[];
  total: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: unknown;
}

const IDLE: SearchResults = { query: '', hits: [], total: 0, status: 'idle', error: null };

/**
 * Searches as the user types: waits for a pause, asks the core in the interface language, and
 * shows only the answer to the latest request (a slow answer to an older query is dropped).
 * While a new query runs, the previous results stay on screen, so the list does not flash.
 */
export function useSearch(text: string) {
  const { api } = useAppState();
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const query = text.trim();
  const [results, setResults] = useState<SearchResults>(IDLE);
  const latest = useRef(0);

  const run = useCallback(
    (q: string, offset: number, previous: SearchHit[]) => {
      const id = ++latest.current;
      setResults((r) => ({ ...r, status: 'loading', error: null }));
      api.call('search', { text: q, limit: SEARCH_PAGE, offset, locale }).then(
        (response) => {
          if (id !== latest.current) return;
          // A record already shown (the list shifted while paging) is not listed twice.
          const seen = new Set(previous.map((h) => h.id));
          const hits = [...previous, ...response.hits.filter((h) => !seen.has(h.id))];
          setResults({ query: q, hits, total: response.total, status: 'ready', error: null });
        },
        (error: unknown) => {
          if (id !== latest.current) return;
          setResults((r) => ({ ...r, query: q, status: 'error', error }));
        },
      );
    },
    [api, locale],
  );

  useEffect(() => {
    // Whatever is in flight answers a query that is no longer the one typed.
    latest.current++;
    if (!query) return;
    const timer = setTimeout(() => run(query, 0, []), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, run]);

  const showMore = useCallback(() => run(results.query, results.hits.length, results.hits), [run, results]);
  const retry = useCallback(() => {
    if (query) run(query, 0, []);
  }, [run, query]);

  /** The best match for the words typed now, asked at once (Enter pressed before the list came). */
  const best = useCallback(async (): Promise<SearchHit | null> => {
    if (!query) return null;
    const response = await api.call('search', { text: query, limit: 1, offset: 0, locale });
    return response.hits[0] ?? null;
  }, [api, locale, query]);

  // An empty box shows the starting screen at once, whatever was searched before.
  const shown = query ? results : IDLE;
  return { ...shown, typed: query, showMore, retry, best };
}

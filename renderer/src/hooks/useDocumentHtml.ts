import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentRequest } from '../../../shared/documents/request';
import { base64Bytes } from '../api/download';
import { useRecordsChanged } from './useRecordsChanged';
import { useAppState } from '../api/state';

export type DocumentHtmlState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; html: string; fileName: string };

/** base64 → the page's text (UTF-8). */
const decodeUtf8 = (base64: string): string => new TextDecoder('utf-8').decode(base64Bytes(base64));

/**
 * A document as the HTML page the core writes for printing (the same page the PDF is printed
 * from), reloaded when the request changes or records change elsewhere (an import, another
 * window). An answer that arrives after a newer request was sent is dropped.
 */
export function useDocumentHtml(request: Omit<DocumentRequest, 'format'> | null): DocumentHtmlState & { reload(): void } {
  const { api } = useAppState();
  // The request as a value: a new object with the same content does not load again.
  const key = request ? JSON.stringify(request) : null;
  // Each answer remembers what it answers: after a change of language the old page is not shown.
  const [answer, setAnswer] = useState<{ key: string; state: DocumentHtmlState } | null>(null);
  const latest = useRef(0);
  const load = useCallback(() => {
    const ticket = ++latest.current;
    if (key === null) return;
    const body = { ...(JSON.parse(key) as Omit<DocumentRequest, 'format'>), format: 'html' as const };
    api.call('documents.export', body).then(
      (response) => {
        if (ticket === latest.current) setAnswer({ key, state: { status: 'ready', html: decodeUtf8(response.bytes), fileName: response.fileName } });
      },
      (error: unknown) => {
        if (ticket === latest.current) setAnswer({ key, state: { status: 'error', error } });
      },
    );
  }, [api, key]);
  useEffect(load, [load]);
  // Records changed elsewhere: the page on screen stays until the new one is there.
  useRecordsChanged('any', load);
  const reload = useCallback(() => {
    setAnswer(null);
    load();
  }, [load]);
  const state: DocumentHtmlState = answer && answer.key === key ? answer.state : { status: 'loading' };
  return { ...state, reload };
}

import { useCallback, useState } from 'react';
import type { DocumentRequest } from '../../../shared/documents/request';
import { downloadBase64 } from '../api/download';
import { useApiErrorText } from '../text/errors';
import { useAppState } from '../api/state';
import { useProgress } from './useProgress';

export type ExportState = { status: 'idle' } | { status: 'working' } | { status: 'done'; fileName: string } | { status: 'failed'; reason: string };

/**
 * Makes a document in the core and saves it: a download in the browser host, the system's save
 * dialog in the desktop app (its download handler asks where). Progress comes from the core.
 */
export function useDocumentExport() {
  const { api } = useAppState();
  const apiErrorText = useApiErrorText();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const progress = useProgress('document', state.status === 'working');
  const run = useCallback(
    async (request: DocumentRequest) => {
      setState({ status: 'working' });
      try {
        const file = await api.call('documents.export', request);
        downloadBase64(file.fileName, file.bytes, file.mime);
        setState({ status: 'done', fileName: file.fileName });
      } catch (error) {
        setState({ status: 'failed', reason: apiErrorText(error) });
      }
    },
    [api, apiErrorText],
  );
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, progress, run, reset };
}

import { systemPdfPrinter } from '../documents/pdf.js';
import { renderDocument } from '../documents/service.js';
import type { DomainHandlers, HandlerContext } from './context.js';

/** Documents a ministry can use, and finding words in every text. */
export function documentHandlers({ ws, events, options }: HandlerContext) {
  return {
    'documents.export': (request) =>
      renderDocument(() => ws().allViews(), { events, pdfPrinter: () => options.pdfPrinter ?? systemPdfPrinter() }, request),
    search: (request) => ws().searchIndex.search(request),
    'search.match': async (request) => ({ ids: await ws().searchIndex.match(request) }),
  } satisfies DomainHandlers;
}

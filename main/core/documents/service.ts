import { type DocumentRequest, MIME_OF, SOURCE_KIND, type DocumentResponse } from '../../../shared/documents/request.js';
import { buildDocument, type DocumentSource } from '../../../shared/documents/templates.js';
import { sourceOf } from '../../../shared/documents/source.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { RecordView } from '../../../shared/records/codec.js';
import type { z } from 'zod';
import { CoreError } from '../errors.js';
import type { CoreEvents } from '../events.js';
import { createMainI18n } from '../i18n.js';
import { toHtml } from './html.js';
import type { PdfPrinter } from './pdf.js';

const i18nByLanguage = new Map<Language, ReturnType<typeof createMainI18n>>();
function documentT(language: Language) {
  let i18n = i18nByLanguage.get(language);
  if (!i18n) {
    i18n = createMainI18n(language);
    i18nByLanguage.set(language, i18n);
  }
  const t = i18n.getFixedT(language, 'documents');
  return (key: string, values?: Record<string, unknown>) => (t as unknown as (k: string, v?: Record<string, unknown>) => string)(key, values);
}

export interface DocumentDeps {
  events: CoreEvents;
  /** How this host prints PDF (Electron's printToPDF, or the system's Chromium); null: it cannot. */
  pdfPrinter: () => PdfPrinter | null;
}

/**
 * Makes documents. Reading only: nothing in the workspace changes, whatever the records hold.
 */
export async function renderDocument(records: () => Iterable<RecordView>, deps: DocumentDeps, request: z.output<typeof DocumentRequest>): Promise<DocumentResponse> {
  const total = request.format === 'pdf' ? 3 : 2;
  const progress = (done: number) => deps.events.emit('progress', { task: 'document', done, total });
  const source: DocumentSource = sourceOf(records());
  if (request.id !== undefined) {
    const record = source.get(request.id);
    const expected = SOURCE_KIND[request.type];
    if (!record) throw new CoreError('not_found', `no record ${request.id}`);
    if (expected && record.kind !== expected) throw new CoreError('invalid_request', `record ${request.id} is a ${record.kind}`, [{ path: ['id'], message: 'errors:documents.wrongKind' }]);
  }
  progress(0);
  const model = buildDocument({ request, source, t: documentT(request.language) });
  progress(1);
  let bytes: Buffer;
  switch (request.format) {
    // The Word and Excel writers (the docx and exceljs libraries) load when first asked for: the
    // app and the command line start without them.
    case 'docx':
      bytes = await (await import('./docx.js')).toDocx(model);
      break;
    case 'xlsx':
      bytes = await (await import('./xlsx.js')).toXlsx(model);
      break;
    case 'html':
      bytes = Buffer.from(toHtml(model), 'utf8');
      break;
    case 'pdf': {
      const printer = deps.pdfPrinter();
      if (!printer) throw new CoreError('pdf_unavailable', 'no Chromium to print PDF with');
      const html = toHtml(model);
      progress(2);
      bytes = await printer(html);
      break;
    }
  }
  progress(total);
  return { fileName: `${model.fileName}.${request.format}`, mime: MIME_OF[request.format], bytes: bytes.toString('base64') };
}

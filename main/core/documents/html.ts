import type { DocModel } from '../../../shared/documents/model.js';

/** A document as one standalone HTML page: the print view and, printed by Chromium, the PDF. */
export function toHtml(_model: DocModel): string {
  throw new Error('html writer: in progress');
}

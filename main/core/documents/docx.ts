import type { DocModel } from '../../../shared/documents/model.js';

/** A document as a Word file (.docx). */
export async function toDocx(_model: DocModel): Promise<Buffer> {
  throw new Error('docx writer: in progress');
}

import type { DocModel } from '../../../shared/documents/model.js';

/** The tables of a document that are sheets, as an Excel workbook (.xlsx). */
export async function toXlsx(_model: DocModel): Promise<Buffer> {
  throw new Error('xlsx writer: in progress');
}

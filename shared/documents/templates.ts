import type { RecordView } from '../records/codec.js';
import type { Kind } from '../records/kinds.js';
import type { DocModel } from './model.js';
import { actionsDocument } from './actions.js';
import { chairSummaryDocument } from './chair-summary.js';
import { napDocument } from './nap.js';
import { statementDocument } from './statement.js';
import type { DocumentOptions, DocumentRequest } from './request.js';

/** Labels in the document's language: an i18next `t` fixed to it (keys with their namespace). */
export type DocT = (key: string, values?: Record<string, unknown>) => string;

/** What the templates read: live records only, children in their order. */
export interface DocumentSource {
  get(id: string): RecordView | undefined;
  children(parentId: string): RecordView[];
  all(kind: Kind): RecordView[];
}

export interface BuildInput {
  request: Omit<DocumentRequest, 'options'> & { options: DocumentOptions };
  source: DocumentSource;
  t: DocT;
}

/** The document a request asks for, as a model (see model.ts). */
export function buildDocument(input: BuildInput): DocModel {
  switch (input.request.type) {
    case 'nap':
      return napDocument(input);
    case 'chair-summary':
      return chairSummaryDocument(input);
    case 'statement':
      return statementDocument(input);
    case 'actions':
      return actionsDocument(input);
  }
}

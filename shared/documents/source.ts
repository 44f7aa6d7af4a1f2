import type { RecordView } from '../records/codec.js';
import type { Kind } from '../records/kinds.js';
import { compareOrder } from '../sync/order.js';
import type { DocumentSource } from './templates.js';

/** What the templates read, over a set of records (the open workspace's, or a folder read from disk). */
export function sourceOf(views: Iterable<RecordView>): DocumentSource {
  const byId = new Map<string, RecordView>();
  const byKind = new Map<Kind, RecordView[]>();
  const children = new Map<string, RecordView[]>();
  for (const view of views) {
    if (view.deleted) continue;
    byId.set(view.id, view);
    const ofKind = byKind.get(view.kind);
    if (ofKind) ofKind.push(view);
    else byKind.set(view.kind, [view]);
    if (view.parentId) {
      const siblings = children.get(view.parentId);
      if (siblings) siblings.push(view);
      else children.set(view.parentId, [view]);
    }
  }
  for (const siblings of children.values()) siblings.sort(compareOrder);
  return {
    get: (id) => byId.get(id),
    children: (parentId) => children.get(parentId) ?? [],
    all: (kind) => byKind.get(kind) ?? [],
  };
}

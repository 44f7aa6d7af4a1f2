/**
 * The search index on its own, against a source of records it reads from: changes made while it
 * is being built in slices, a build that fails, a change as large as an import, a closed index.
 */
import { describe, expect, it } from 'vitest';
import type { RecordView } from '../../shared/records/codec';
import { SearchIndex } from '../../main/core/search/search-index';

const view = (id: string, title: string, extra: Partial<RecordView> = {}): RecordView =>
  ({ id, kind: 'action', parentId: null, fields: { title: { en: title } }, deleted: false, conflicts: [], ...extra }) as unknown as RecordView;

function source(n: number) {
  const views = new Map<string, RecordView>();
  for (let i = 0; i < n; i++) views.set(`r${i}`, view(`r${i}`, `ordinary point ${i}`));
  let fail = false;
  let failIds = false;
  return {
    views,
    failNext: () => (fail = true),
    failListing: () => (failIds = true),
    ids: () => {
      if (failIds) {
        failIds = false;
        throw new Error('cannot list');
      }
      return views.keys();
    },
    view: (id: string) => {
      if (fail) {
        fail = false;
        throw new Error('unreadable');
      }
      return views.get(id);
    },
  };
}
const found = async (index: SearchIndex, text: string) => (await index.search({ text, limit: 500, offset: 0 })).hits.map((h) => h.id).sort();

describe('the search index', () => {
  it('takes in changes made between its build slices, to records already indexed and not yet reached', async () => {
    const records = source(30_000);
    const index = new SearchIndex(records);
    const building = index.start();
    // Between slices: the build has given the event loop back at least once before it is done.
    let slices = 0;
    let done = false;
    void building.then(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      slices++;
      if (slices === 3) {
        // One record near the start (indexed by now), one at the end (not reached yet), one new, one gone.
        records.views.set('r1', view('r1', 'renamed early'));
        records.views.set('r29999', view('r29999', 'renamed late'));
        records.views.set('new', view('new', 'arrived meanwhile'));
        records.views.delete('r2');
        index.changed(['r1', 'r29999', 'new', 'r2']);
      }
    }
    expect(slices).toBeGreaterThan(3);
    expect(await found(index, 'renamed')).toEqual(['r1', 'r29999']);
    expect(await found(index, 'arrived')).toEqual(['new']);
    expect(await found(index, 'point 2')).not.toContain('r2');
    expect(index.documentCount).toBe(30_000);
  });

  it('builds again at the next search after a build failed, and skips a record it cannot read', async () => {
    const records = source(10);
    const index = new SearchIndex(records);
    records.failListing();
    await expect(found(index, 'ordinary')).rejects.toThrow(/cannot list/);
    // The next search builds again (a failed build is not kept).
    records.failNext();
    // One unreadable record does not stop the others.
    expect((await found(index, 'ordinary')).length).toBe(9);
    index.changed(null);
    expect((await found(index, 'ordinary')).length).toBe(10);
  });

  it('indexes a change as large as an import again from scratch, and finds it', async () => {
    const records = source(100);
    const index = new SearchIndex(records);
    await index.ready();
    const ids: string[] = [];
    for (let i = 0; i < 6_000; i++) {
      records.views.set(`imported${i}`, view(`imported${i}`, `imported item ${i}`));
      ids.push(`imported${i}`);
    }
    index.changed(ids);
    expect((await index.search({ text: 'imported', limit: 1, offset: 0 })).total).toBe(6_000);
    expect(index.documentCount).toBe(6_100);
  });

  it('refuses to search once closed, also a search that was waiting for the build', async () => {
    const index = new SearchIndex(source(30_000));
    void index.start();
    const waiting = index.search({ text: 'ordinary', limit: 1, offset: 0 });
    index.stop();
    await expect(waiting).rejects.toThrow(/closed/);
    await expect(index.search({ text: 'ordinary', limit: 1, offset: 0 })).rejects.toThrow(/closed/);
  });
});

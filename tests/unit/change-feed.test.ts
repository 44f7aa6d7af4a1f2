import { describe, expect, it } from 'vitest';
import { CHANGED_IDS_MAX, type RecordsChanged } from '../../shared/api/contract.js';
import { KIND_NAMES } from '../../shared/records/kinds.js';
import { ChangeFeed } from '../../main/core/changes.js';

describe('ChangeFeed', () => {
  const make = () => {
    const said: RecordsChanged[] = [];
    const kinds = new Map<string, string>();
    const feed = new ChangeFeed((id) => kinds.get(id), (c) => said.push(c));
    return { feed, said, kinds };
  };

  it('says nothing when nothing changed, and each change once', () => {
    const { feed, said, kinds } = make();
    feed.announce();
    expect(said).toEqual([]);
    kinds.set('a', 'contact').set('b', 'meeting');
    feed.record(['a', 'b', 'a']);
    feed.announce();
    feed.announce();
    expect(said).toEqual([{ kinds: ['contact', 'meeting'], ids: ['a', 'b'] }]);
  });

  it('gives the kinds without the ids above the limit, and every kind when the store was replaced', () => {
    const { feed, said, kinds } = make();
    const ids = Array.from({ length: CHANGED_IDS_MAX + 1 }, (_, i) => `id${i}`);
    for (const id of ids) kinds.set(id, 'action');
    feed.record(ids);
    feed.announce();
    expect(said.at(-1)).toEqual({ kinds: ['action'], ids: null });
    feed.record(['id1']);
    feed.record(null);
    feed.announce();
    expect(said.at(-1)).toEqual({ kinds: [...KIND_NAMES], ids: null });
  });

  it('leaves out a kind it does not know rather than announcing something no page reads', () => {
    const { feed, said, kinds } = make();
    kinds.set('x', 'not-a-kind');
    feed.record(['x']);
    feed.announce();
    expect(said).toEqual([{ kinds: [], ids: ['x'] }]);
  });
});

/**
 * Example-based cases of the merge layer: three-way text merges of concurrent edits (English and
 * Chinese), the conflicts they fall back to, and the sentence-repetition guard of mergeText.
 */
import { describe, expect, it } from 'vitest';
import { HybridClock } from '../../shared/sync/clock.js';
import {
  createRecord,
  fieldState,
  mergeRecords,
  writeFields,
  type Json,
  type SyncRecord,
  type Writer,
} from '../../shared/sync/record.js';
import { mergeText, tokenize } from '../../shared/sync/text-merge.js';
import { mergeAsFor, viewRecord } from '../../shared/records/codec.js';

const RECORD_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const mergeAs = mergeAsFor('nap');
const T0 = Date.UTC(2025, 2, 8, 10);

/** A replica with a scripted wall clock (one minute per write) and the app's receive path. */
function replica(id: string, skew = 0) {
  let counter = 0;
  let tick = 0;
  const clock = new HybridClock(() => T0 + skew + 60_000 * tick++);
  const writer: Writer = {
    replica: id.repeat(16),
    clock,
    nextCounter: () => ++counter,
    author: `Author ${id}`,
  };
  const self = {
    writer,
    record: undefined as SyncRecord | undefined,
    create(values: Record<string, Json>) {
      self.record = createRecord(RECORD_ID, 'nap', writer, values, mergeAs);
    },
    write(values: Record<string, Json>, resolve = false) {
      self.record = writeFields(self.record!, writer, values, { mergeAs, resolve });
    },
    receive(other: { record: SyncRecord | undefined }) {
      const incoming = other.record!;
      self.record = self.record ? mergeRecords(self.record, incoming) : incoming;
      for (const versions of Object.values(incoming.fields)) for (const v of versions) clock.observe(v.hlc);
    },
  };
  return self;
}

/** A creates the record with `base`, B receives it, each edits concurrently, then they exchange. */
function concurrentEdits(key: string, base: string, a: string, b: string) {
  const ra = replica('a');
  const rb = replica('b', 5_000);
  ra.create({ [key]: base, status: 'drafting' });
  rb.receive(ra);
  ra.write({ [key]: a });
  rb.write({ [key]: b });
  const sentByA = { record: ra.record };
  ra.receive(rb);
  rb.receive(sentByA);
  expect(ra.record).toEqual(rb.record);
  return { ra, rb, state: fieldState(ra.record!, key, mergeAs(key)), view: viewRecord(ra.record!) };
}

const EN = [
  'The plan covers four pillars.',
  'Civil society was consulted in May.',
  'Funding is reviewed every year.',
];
const ZH = ['国家行动计划涵盖四个支柱。', '民间社会在五月参与了协商。', '资金每年审查一次。'];
const en = (...s: string[]) => s.join(' ');
const zh = (...s: string[]) => s.join('');

describe('three-way text merge of concurrent edits', () => {
  it('keeps both edits when two replicas change different sentences of an English text', () => {
    const first = 'The plan covers three pillars.';
    const last = 'Funding is reviewed every two years.';
    const { ra, state, view } = concurrentEdits(
      'title@en',
      en(...EN),
      en(first, EN[1]!, EN[2]!),
      en(EN[0]!, EN[1]!, last),
    );
    expect(state.merged).toBe(true);
    expect(state.conflict).toBeNull();
    expect(state.value).toBe(en(first, EN[1]!, last));
    expect(ra.record!.fields['title@en']).toHaveLength(2); // both versions kept, shown merged
    expect(view.fields.title).toEqual({ en: en(first, EN[1]!, last) });
    expect(view.conflicts).toEqual([]);
  });

  it('a later edit of the merged text supersedes both versions', () => {
    const first = 'The plan covers three pillars.';
    const last = 'Funding is reviewed every two years.';
    const { ra, rb } = concurrentEdits(
      'title@en',
      en(...EN),
      en(first, EN[1]!, EN[2]!),
      en(EN[0]!, EN[1]!, last),
    );
    const shown = fieldState(rb.record!, 'title@en', 'text').value as string;
    rb.write({ 'title@en': `${shown} Women mediators lead the process.` });
    ra.receive(rb);
    expect(ra.record!.fields['title@en']).toHaveLength(1);
    expect(ra.record!.fields['title@en']![0]!.preds).toHaveLength(2);
    expect(fieldState(ra.record!, 'title@en', 'text')).toMatchObject({ merged: false, conflict: null });
  });

  it('is a conflict listing both values when the same sentence is edited differently', () => {
    const a = en(EN[0]!, 'Civil society was consulted in June.', EN[2]!);
    const b = en(EN[0]!, 'Civil society was consulted twice.', EN[2]!);
    const { ra, state, view } = concurrentEdits('title@en', en(...EN), a, b);
    expect(state.merged).toBe(false);
    expect(state.conflict?.map((v) => v.value)).toEqual(expect.arrayContaining([a, b]));
    expect(state.conflict).toHaveLength(2);
    expect(state.value).toBe(state.conflict![0]!.value); // the deterministic winner is shown
    expect(state.top).toBe(ra.record!.fields['title@en']![0]);
    const listed = view.conflicts.find((c) => c.field === 'title@en');
    expect(listed?.kind).toBe('edit');
    expect(listed?.versions.map((v) => v.value)).toEqual(state.conflict!.map((v) => v.value));
  });

  it('treats edits of adjacent sentences as a conflict (by design: they may belong together)', () => {
    const a = en('The plan covers three pillars.', EN[1]!, EN[2]!);
    const b = en(EN[0]!, 'Civil society was consulted in June.', EN[2]!);
    const { state } = concurrentEdits('title@en', en(...EN), a, b);
    expect(state.merged).toBe(false);
    expect(state.conflict?.map((v) => v.value)).toEqual(expect.arrayContaining([a, b]));
  });

  it('splits Chinese text at 。 and merges edits of different sentences', () => {
    expect(tokenize(zh(...ZH))).toEqual(ZH);
    const first = '国家行动计划涵盖三个支柱。';
    const last = '资金每两年审查一次。';
    const { state, view } = concurrentEdits(
      'summary@zh',
      zh(...ZH),
      zh(first, ZH[1]!, ZH[2]!),
      zh(ZH[0]!, ZH[1]!, last),
    );
    expect(state).toMatchObject({ merged: true, conflict: null, value: zh(first, ZH[1]!, last) });
    expect(view.fields.summary).toEqual({ zh: zh(first, ZH[1]!, last) });
    expect(view.conflicts).toEqual([]);
  });

  it('is a conflict when the same Chinese sentence is edited differently', () => {
    const a = zh(ZH[0]!, '民间社会在六月参与了协商。', ZH[2]!);
    const b = zh(ZH[0]!, '民间社会两次参与了协商。', ZH[2]!);
    const { state, view } = concurrentEdits('summary@zh', zh(...ZH), a, b);
    expect(state.merged).toBe(false);
    expect(state.conflict?.map((v) => v.value)).toEqual(expect.arrayContaining([a, b]));
    expect(view.conflicts.map((c) => c.field)).toEqual(['summary@zh']);
  });
});

describe('mergeText', () => {
  const [A, B, C] = EN as [string, string, string];
  const X = 'Women mediators lead the process.';

  it('merges edits of non-adjacent sentences', () => {
    expect(mergeText(en(A, B, C), en(X, B, C), en(A, B, 'Funding is reviewed monthly.'))).toBe(
      en(X, B, 'Funding is reviewed monthly.'),
    );
  });

  it('refuses a merge that would repeat a sentence neither side repeats', () => {
    // Both insert X, at different places: a line-free diff3 would keep both copies.
    expect(mergeText(en(A, B, C), en(A, X, B, C), en(A, B, X, C))).toBeNull();
    expect(
      mergeText(zh(...ZH), zh(ZH[0]!, '目标。', ZH[1]!, ZH[2]!), zh(ZH[0]!, ZH[1]!, '目标。', ZH[2]!)),
    ).toBeNull();
  });

  it('keeps one copy when both sides make the same insertion', () => {
    const merged = mergeText(en(A, B, C), en(X, A, B, C), en(X, A, B, 'Funding is reviewed monthly.'));
    expect(merged).toBe(en(X, A, B, 'Funding is reviewed monthly.'));
  });

  it('keeps a repetition one side made on purpose', () => {
    const first = 'The plan covers three pillars.';
    // a repeats A at the end, b rewrites the first A: the one copy a added stays, no more.
    expect(mergeText(en(A, B, C), en(A, B, C, A), en(first, B, C))).toBe(en(first, B, C, A));
  });

  it('has no common version to compare with: a conflict, unless one side is unchanged', () => {
    expect(mergeText('', en(A), en(B))).toBeNull();
    expect(mergeText(en(A), en(A), en(B))).toBe(en(B));
    expect(mergeText(en(A), en(B), en(B))).toBe(en(B));
  });
});

describe('values that need no question', () => {
  it('two people writing the same value concurrently agree: no conflict', () => {
    const a = replica('a');
    const b = replica('b');
    a.create({ status: 'drafting' });
    b.receive(a);
    a.write({ status: 'adopted' });
    b.write({ status: 'adopted' });
    a.receive(b);
    const state = fieldState(a.record!, 'status', mergeAs('status'));
    expect(a.record!.fields.status).toHaveLength(2);
    expect(state).toMatchObject({ value: 'adopted', conflict: null });
  });

  it('a delete and an edit made in one write do not conflict with each other', () => {
    const a = replica('a');
    a.create({ status: 'drafting' });
    a.write({ status: 'archived', _deleted: true });
    expect(viewRecord(a.record!).conflicts).toEqual([]);
  });
});

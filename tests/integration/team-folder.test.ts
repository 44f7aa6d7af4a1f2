/**
 * The team folder through the core's API: two, three and four members on one shared folder end
 * with the same records, conflicts listed alike on every side, lists merged item by item, a
 * late member catching up from the folder alone (before and after compaction), the import
 * history and its undo, members in the status, and the events a round sends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api/contract.js';
import { fails, ok } from './support.js';
import {
  AMINA,
  BORIS,
  CHEN,
  DANA,
  Lab,
  configure,
  conflicts,
  history,
  ids,
  memberDir,
  readTeamFile,
  replicaOf,
  round,
  statesOf,
  status,
  teamFiles,
  teamRoot,
  untilQuiet,
  view,
} from './team-support.js';
import type { RecordView } from '../../shared/records/codec.js';
import { TEAM_FILE } from '../../shared/team/head.js';
import type { Kind } from '../../shared/records/kinds.js';
import type { Core } from '../../main/core/index.js';

let lab: Lab;
let folder: string;
beforeEach(() => {
  lab = new Lab();
  folder = lab.tempDir('fpd-team-folder-');
});
afterEach(() => lab.dispose());

const create = (core: Core, kind: Kind, fields: Record<string, unknown>, parentId?: string) =>
  ok(core, 'records.create', parentId ? { kind, parentId, fields } : { kind, fields });
const update = (core: Core, id: string, fields: RequestOf<'records.update'>['fields']) => ok(core, 'records.update', { id, fields });

/** Every core holds the same records, shown the same way. */
async function expectSameEverywhere(cores: Core[]): Promise<void> {
  const [first, ...rest] = await statesOf(cores);
  for (const other of rest) expect(other).toBe(first);
}

describe('members on one folder', () => {
  it('two members: what each creates reaches the other, and both hold the same records', async () => {
    const a = await lab.joined(AMINA, folder);
    const b = await lab.joined(BORIS, folder);
    const nap = await create(a, 'nap', { title: { en: 'Second National Action Plan' }, status: 'drafting' });
    const objective = await create(a, 'nap.objective', { pillar: 'participation', title: { en: 'Women in peace negotiations' } }, nap.id);
    const meeting = await create(b, 'meeting', { title: { en: 'Network meeting' }, start: '2026-03-10T09:00:00Z' });
    const contact = await create(b, 'contact', { name: 'Li Wei', email: 'li.wei@example.org' });

    const first = await round(a);
    expect(first).toMatchObject({ wrote: 1, read: 0, changed: 0, published: 2 });
    const second = await round(b);
    expect(second).toMatchObject({ read: 1, changed: 2 });
    // Its first file holds its whole workspace (docs/team-folder.md): its own two records at least.
    expect(second.published).toBeGreaterThanOrEqual(2);
    expect(second.wrote).toBeGreaterThanOrEqual(1);
    await untilQuiet([a, b]);

    for (const core of [a, b]) expect(ids(core)).toEqual([nap.id, objective.id, meeting.id, contact.id].sort());
    expect((await view(b, objective.id)).fields.title).toEqual({ en: 'Women in peace negotiations' });
    expect((await view(a, contact.id)).fields.name).toBe('Li Wei');
    await expectSameEverywhere([a, b]);
  });

  it('three members: each file where the layout says, a bundle of scope team naming its writer and number; the same records everywhere', async () => {
    const members = [await lab.joined(AMINA, folder), await lab.joined(BORIS, folder), await lab.joined(CHEN, folder)];
    const made: string[] = [];
    for (const [i, core] of members.entries()) {
      made.push((await create(core, 'action', { title: { en: `Action point ${i}` }, status: 'open' })).id);
      made.push((await create(core, 'contact', { name: `Contact ${i}` })).id);
    }
    await untilQuiet(members);
    for (const core of members) expect(ids(core)).toEqual([...made].sort());
    await expectSameEverywhere(members);

    for (const core of members) {
      const replica = replicaOf(core);
      const files = teamFiles(folder, replica);
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) {
        const { head } = readTeamFile(path.join(memberDir(folder, replica), name));
        expect(head.scope).toEqual({ type: 'team' });
        expect(head.creator).toEqual({ replicaId: replica, name: expect.any(String), organisation: expect.any(String) });
        expect(head.team?.seq).toBe(Number(TEAM_FILE.exec(name)![1]));
      }
      // Nothing but its own files, and no temporary file left behind.
      expect(fs.readdirSync(memberDir(folder, replica)).filter((f) => !TEAM_FILE.test(f))).toEqual([]);
    }
    expect(fs.readdirSync(teamRoot(folder)).sort()).toEqual(members.map(replicaOf).sort());
  });

  it('concurrent edits of one field: the same conflict listed on every side', async () => {
    const a = await lab.joined(AMINA, folder);
    const b = await lab.joined(BORIS, folder);
    const c = await lab.joined(CHEN, folder);
    const contact = await create(a, 'contact', { name: 'Li Wei', phone: '+221 1' });
    await untilQuiet([a, b, c]);
    await update(a, contact.id, { phone: '+221 2' });
    await update(b, contact.id, { phone: '+221 3' });
    await untilQuiet([a, b, c]);

    const listed = await conflicts(a);
    expect(listed.map((r) => r.id)).toEqual([contact.id]);
    expect(listed[0]!.conflicts).toHaveLength(1);
    expect(listed[0]!.conflicts[0]!.field).toBe('phone');
    expect(listed[0]!.conflicts[0]!.versions.map((v) => v.value).sort()).toEqual(['+221 2', '+221 3']);
    expect(await conflicts(b)).toEqual(listed);
    expect(await conflicts(c)).toEqual(listed);
    await expectSameEverywhere([a, b, c]);
  });

  it('a delete on one side and an edit on the other: a conflict visible on both', async () => {
    const a = await lab.joined(AMINA, folder);
    const b = await lab.joined(BORIS, folder);
    const point = await create(a, 'action', { title: { en: 'Publish the summary' }, status: 'open' });
    await untilQuiet([a, b]);
    await ok(a, 'records.delete', { id: point.id });
    await update(b, point.id, { status: 'done' });
    await untilQuiet([a, b]);

    const listed = await conflicts(a);
    expect(listed.map((r) => r.id)).toEqual([point.id]);
    expect(listed[0]!.conflicts.map((x) => x.kind)).toContain('delete');
    expect(await conflicts(b)).toEqual(listed);
    await expectSameEverywhere([a, b]);
  });

  it('list items added concurrently (agenda items, measurements) are all kept, with no conflict', async () => {
    const a = await lab.joined(AMINA, folder);
    const b = await lab.joined(BORIS, folder);
    const agendaItem = (n: number, text: string) => ({ id: `019a0000-0000-7000-8000-00000000000${n}`, order: `a${n}`, text });
    const meeting = await create(a, 'meeting', { title: { en: 'Network meeting' }, agenda: [agendaItem(1, 'Opening')] });
    const nap = await create(a, 'nap', { title: { en: 'NAP' } });
    const objective = await create(a, 'nap.objective', { pillar: 'participation' }, nap.id);
    const action = await create(a, 'nap.action', { description: { en: 'Train mediators' } }, objective.id);
    const indicator = await create(a, 'nap.indicator', { measurements: [{ date: '2025-06-30', value: 11 }] }, action.id);
    await untilQuiet([a, b]);

    await update(a, meeting.id, { agenda: [agendaItem(1, 'Opening'), agendaItem(2, 'NAP reviews')] });
    await update(b, meeting.id, { agenda: [agendaItem(1, 'Opening'), agendaItem(3, 'Closing')] });
    await update(a, indicator.id, { measurements: [{ date: '2025-06-30', value: 11 }, { date: '2025-12-31', value: 13 }] });
    await update(b, indicator.id, { measurements: [{ date: '2025-06-30', value: 11 }, { date: '2026-03-31', value: 14 }] });
    await untilQuiet([a, b]);

    for (const core of [a, b]) {
      expect(await conflicts(core)).toEqual([]);
      const m = await view(core, meeting.id);
      expect((m.fields.agenda as { text: string }[]).map((x) => x.text).sort()).toEqual(['Closing', 'NAP reviews', 'Opening']);
      const i = await view(core, indicator.id);
      expect((i.fields.measurements as { date: string }[]).map((x) => x.date).sort()).toEqual(['2025-06-30', '2025-12-31', '2026-03-31']);
    }
    await expectSameEverywhere([a, b]);
  });

  it('a member joining late catches up from the folder alone (the others closed)', async () => {
    const a = await lab.joined(AMINA, folder);
    const b = await lab.joined(BORIS, folder);
    const contacts: RecordView[] = [];
    for (let i = 0; i < 3; i++) {
      contacts.push(await create(a, 'contact', { name: `Amina's contact ${i}` }));
      await create(b, 'action', { title: { en: `Boris's point ${i}` }, status: 'open' });
      await untilQuiet([a, b]);
    }
    const contact = contacts[0]!;
    await update(b, contact.id, { phone: '+221 33 000 00 00' });
    await untilQuiet([a, b]);
    const [expected] = await statesOf([a]);
    const known = ids(a);
    await lab.close(a);
    await lab.close(b);

    const c = await lab.joined(CHEN, folder);
    const caught = await round(c);
    expect(caught.read).toBeGreaterThan(0);
    expect(caught.changed).toBe(known.length);
    expect(ids(c)).toEqual(known);
    const [got] = await statesOf([c]);
    expect(got).toBe(expected);
    expect((await view(c, contact.id)).fields.phone).toBe('+221 33 000 00 00');
  });
});

describe('compaction', () => {
  it("replaces a writer's earlier files once the others have read them; a member joining after it still gets every record", async () => {
    const team = { compactAfter: 2 };
    const a = await lab.joined(AMINA, folder, { team });
    const b = await lab.joined(BORIS, folder, { team });
    let wrote = 0;
    for (let i = 0; i < 6; i++) {
      const contact = await create(a, 'contact', { name: `Contact ${i}` });
      if (i > 0) await update(a, contact.id, { phone: `+221 ${i}` });
      wrote += (await round(a)).wrote;
      await round(b);
    }
    const passes = await untilQuiet([a, b]);
    wrote += passes.reduce((n, pass) => n + pass[0]!.wrote, 0);

    const replica = replicaOf(a);
    const files = teamFiles(folder, replica);
    expect(files.length).toBeLessThan(wrote);
    const seqs = files.map((f) => Number(TEAM_FILE.exec(f)![1]));
    // The newest seq is at least the number of files written: numbers are never reused.
    expect(Math.max(...seqs)).toBeGreaterThanOrEqual(wrote);
    const compact = files.map((f) => readTeamFile(path.join(memberDir(folder, replica), f)).head.team!).find((t) => t.replaces?.length);
    expect(compact).toBeDefined();
    for (const seq of compact!.replaces!) expect(seqs).not.toContain(seq);

    const c = await lab.joined(CHEN, folder, { team });
    await untilQuiet([a, b, c]);
    expect(ids(c)).toEqual(ids(a));
    await expectSameEverywhere([a, b, c]);
  });
});

describe('the import history of a round', () => {
  it('logs an entry per member whose files changed something; undoLast reverses the last, and the others receive the reversal', async () => {
    const a = await lab.joined(AMINA, folder);
    const b = await lab.joined(BORIS, folder);
    const c = await lab.joined(CHEN, folder);
    const fromA = await create(a, 'contact', { name: 'From Amina' });
    await round(a);
    await round(c);
    const fromB = await create(b, 'action', { title: { en: 'From Boris' }, status: 'open' });
    const fromB2 = await create(b, 'contact', { name: 'Also from Boris' });
    await round(b);
    await round(c);

    const entries = await history(c);
    expect(entries).toHaveLength(2);
    expect(entries[0]!.creator).toEqual({ replicaId: replicaOf(b), name: BORIS.name, organisation: BORIS.organisation });
    expect(entries[1]!.creator).toEqual({ replicaId: replicaOf(a), name: AMINA.name, organisation: AMINA.organisation });
    expect(entries.every((e) => !e.undone)).toBe(true);
    // A round that changes nothing logs nothing.
    expect((await round(c)).changed).toBe(0);
    expect(await history(c)).toHaveLength(2);

    const undone = await ok(c, 'bundles.undoLast', {});
    expect(undone.entry).toMatchObject({ creator: { replicaId: replicaOf(b) }, undone: true });
    expect((await view(c, fromB.id)).deleted).toBe(true);
    expect((await view(c, fromB2.id)).deleted).toBe(true);
    expect((await view(c, fromA.id)).deleted).toBe(false);

    await untilQuiet([a, b, c]);
    for (const core of [a, b]) {
      expect((await view(core, fromB.id)).deleted).toBe(true);
      expect((await view(core, fromB2.id)).deleted).toBe(true);
      expect((await view(core, fromA.id)).deleted).toBe(false);
    }
    await expectSameEverywhere([a, b, c]);
  });
});

describe('the import history of a round that reads several members', () => {
  it('logs one entry per member, each naming that member, and undoLast reverses only the last member’s', async () => {
    const a = await lab.joined(AMINA, folder);
    const b = await lab.joined(BORIS, folder);
    const c = await lab.joined(CHEN, folder);
    // Each has written its first file (its whole workspace): the next ones hold its own edits only.
    await untilQuiet([a, b, c]);
    const fromA = await create(a, 'contact', { name: 'From Amina' });
    const fromB = await create(b, 'contact', { name: 'From Boris' });
    const fromB2 = await create(b, 'action', { title: { en: 'Also from Boris' }, status: 'open' });
    await round(a);
    await round(b);
    expect((await round(c)).changed).toBe(3);

    const entries = await history(c);
    const people = new Map([
      [replicaOf(a), AMINA],
      [replicaOf(b), BORIS],
    ]);
    expect(entries.map((e) => e.creator).sort((x, y) => (x.name < y.name ? -1 : 1))).toEqual(
      [...people].map(([replicaId, p]) => ({ replicaId, name: p.name, organisation: p.organisation })),
    );
    const last = entries[0]!;
    await ok(c, 'bundles.undoLast', {});
    const undoneIds = last.creator.replicaId === replicaOf(a) ? [fromA.id] : [fromB.id, fromB2.id];
    const keptIds = last.creator.replicaId === replicaOf(a) ? [fromB.id, fromB2.id] : [fromA.id];
    for (const id of undoneIds) expect((await view(c, id)).deleted).toBe(true);
    for (const id of keptIds) expect((await view(c, id)).deleted).toBe(false);
  });
});

describe('status and events', () => {
  it('lists every member with name and organisation, itself as me', async () => {
    const members = [await lab.joined(AMINA, folder), await lab.joined(BORIS, folder), await lab.joined(CHEN, folder)];
    await create(members[0]!, 'contact', { name: 'Li Wei' });
    await untilQuiet(members);
    const people = [AMINA, BORIS, CHEN];
    for (const [i, core] of members.entries()) {
      const s = await status(core);
      expect(s.folder).toBe(folder);
      expect(s.encrypted).toBe(false);
      expect(s.problems).toEqual([]);
      expect(s.lastSync).not.toBeNull();
      const listed = [...s.members].sort((x, y) => (x.name < y.name ? -1 : 1));
      expect(listed.map(({ replicaId, name, organisation, me }) => ({ replicaId, name, organisation, me }))).toEqual(
        people.map((p, j) => ({ replicaId: replicaOf(members[j]!), name: p.name, organisation: p.organisation, me: i === j })),
      );
      for (const m of listed) expect(Number.isNaN(Date.parse(m.lastSeen))).toBe(false);
    }
  });

  it("sends records.changed after a round that brought changes and not after one that did not; sync.status with each round's status", async () => {
    const a = await lab.joined(AMINA, folder);
    const b = await lab.joined(BORIS, folder);
    await untilQuiet([a, b]);
    const seen: { name: string; payload: unknown }[] = [];
    const unsubscribe = b.events.subscribe((name, payload) => seen.push({ name, payload }));
    await create(a, 'contact', { name: 'Li Wei' });
    await round(a);
    const brought = await round(b);
    expect(brought.changed).toBe(1);
    expect(brought.status.lastChange).not.toBeNull();
    expect(brought.status.lastSync).not.toBeNull();
    expect(seen.filter((e) => e.name === 'records.changed')).toHaveLength(1);
    const statuses = seen.filter((e) => e.name === 'sync.status');
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.at(-1)!.payload).toEqual(brought.status);

    seen.length = 0;
    const quiet = await round(b);
    expect(quiet.changed).toBe(0);
    expect(seen.filter((e) => e.name === 'records.changed')).toEqual([]);
    expect(seen.filter((e) => e.name === 'sync.status').at(-1)?.payload).toEqual(quiet.status);
    unsubscribe();
  });

  it('sync.now before configuring is not_found; configuring null stops', async () => {
    const a = await lab.member(DANA);
    expect((await fails(a, 'sync.now', {})).code).toBe('not_found');
    expect(await status(a)).toMatchObject({ folder: null, state: 'off', members: [], problems: [] });
    const on = await configure(a, folder);
    expect(on).toMatchObject({ folder, encrypted: false, problems: [] });
    expect(on.state).not.toBe('off');
    await create(a, 'contact', { name: 'Li Wei' });
    await round(a);
    const off = await configure(a, null);
    expect(off).toMatchObject({ folder: null, state: 'off' });
    expect((await fails(a, 'sync.now', {})).code).toBe('not_found');
  });
});

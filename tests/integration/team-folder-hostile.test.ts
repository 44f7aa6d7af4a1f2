/**
 * The team folder is written by other programs too: sync engines (temporary names, conflicted
 * copies), operating systems (.DS_Store, Thumbs.db), people (notes, folders), and anyone who can
 * write there. Foreign things are passed over without a problem; a damaged or hostile team file
 * is set aside with its reason while the rest is read, and nothing of it enters the workspace.
 * Passphrases and the folder's own checks: team-folder-passphrase.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, snapshot } from './support.js';
import {
  AMINA,
  BORIS,
  CHEN,
  FolderMember,
  Lab,
  PASSPHRASE,
  dataDirOf,
  ids,
  memberDir,
  reasonOf,
  refusal,
  replicaOf,
  round,
  status,
  statesOf,
  syncedOf,
  teamFiles,
  teamRoot,
  untilQuiet,
  view,
} from './team-support.js';
import type { RecordView } from '../../shared/records/codec.js';
import { teamFileName } from '../../shared/team/head.js';
import type { Kind } from '../../shared/records/kinds.js';
import type { Core } from '../../main/core/index.js';

let lab: Lab;
let folder: string;
beforeEach(() => {
  lab = new Lab();
  folder = lab.tempDir('fpd-team-folder-');
});
afterEach(() => lab.dispose());

const create = (core: Core, kind: Kind, fields: Record<string, unknown>) => ok(core, 'records.create', { kind, fields });
const PROTO = ['__', 'proto', '__'].join('');
/** What a person sees and what is kept: equal text means nothing changed. */
const stateOf = async (core: Core) => (await statesOf([core]))[0]!;
const expectSame = async (cores: Core[]) => {
  const [first, ...rest] = await statesOf(cores);
  for (const other of rest) expect(other).toBe(first);
};

describe('foreign things in the folder', () => {
  it('passes over hidden and temporary names, system files, unrelated files and folders at every level; the real files are read', async () => {
    const a = await lab.joined(AMINA, folder);
    const mine = await create(a, 'contact', { name: 'Li Wei' });
    await round(a);
    const dana = new FolderMember(folder);
    const hers = dana.record('action', { title: { en: 'Share the background material' }, status: 'open' });
    const good = dana.content(1, [hers]);
    dana.write(1, [hers]);

    const junk = (dir: string) => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31, 0xff, 0xfe]));
      fs.writeFileSync(path.join(dir, 'desktop.ini'), '[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\imageres.dll,-3\r\n');
      fs.writeFileSync(path.join(dir, 'Thumbs.db'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'Agenda for Thursday');
      fs.mkdirSync(path.join(dir, 'Old drafts', 'deeper'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'Old drafts', '000001.fpsync'), 'not a team file');
      fs.writeFileSync(path.join(dir, 'Old drafts', 'deeper', 'draft.docx'), 'PK');
    };
    junk(folder);
    junk(teamRoot(folder));
    junk(memberDir(folder, dana.replica));
    junk(memberDir(folder, replicaOf(a)));
    // Folders whose names are not replica ids, holding what looks like team files.
    for (const name of ['Team Photos', 'ABCDEF0123456789', '0123456789abcde', '0123456789abcdef0', '.0123456789abcdef']) {
      fs.mkdirSync(path.join(teamRoot(folder), name), { recursive: true });
      fs.writeFileSync(path.join(teamRoot(folder), name, '000001.fpsync'), 'not a team file');
    }
    fs.writeFileSync(path.join(teamRoot(folder), '000001.fpsync'), 'not a team file');
    // Half-written files under the names sync engines and editors give them while they work.
    const half = good.slice(0, Math.floor(good.length / 2));
    for (const name of ['.000003.fpsync.x.tmp', '.syncthing.000003.fpsync.tmp', '~$000003.fpsync', '.000002.fpsync.tmp', '.~lock.000002.fpsync#']) {
      dana.put(name, half);
      fs.writeFileSync(path.join(memberDir(folder, replicaOf(a)), name), half);
    }

    const b = await lab.joined(BORIS, folder);
    const read = await round(b);
    expect(read.status.problems).toEqual([]);
    expect(read.status.state).not.toBe('problem');
    expect(ids(b)).toEqual([mine.id, hers.id].sort());
    expect(syncedOf(b, hers.id)).toEqual({ id: hers.id, kind: hers.kind, vv: hers.vv, fields: hers.fields });
    const again = await round(a);
    expect(again.status.problems).toEqual([]);
    await untilQuiet([a, b]);
    expect((await status(a)).problems).toEqual([]);
    expect((await status(b)).problems).toEqual([]);
    // Nothing foreign was touched.
    expect(fs.readFileSync(path.join(memberDir(folder, dana.replica), '.syncthing.000003.fpsync.tmp'), 'utf8')).toBe(half);
    expect(fs.readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('Agenda for Thursday');
  });

  it('a folder named like a team file in its own folder: rounds and compaction go on', async () => {
    const team = { compactAfter: 1 };
    const a = await lab.joined(AMINA, folder, { team });
    const b = await lab.joined(BORIS, folder, { team });
    fs.mkdirSync(path.join(memberDir(folder, replicaOf(a)), '000009.fpsync'));
    fs.mkdirSync(path.join(memberDir(folder, replicaOf(b)), '000009.fpsync'));
    for (let i = 0; i < 10; i++) {
      await create(a, 'contact', { name: `Contact ${i}` });
      const r = await round(a);
      expect(r.status.problems).toEqual([]);
      await round(b);
    }
    // Compaction ran: a handful of files, not one per round.
    expect(teamFiles(folder, replicaOf(a)).length).toBeLessThan(6);
    expect(fs.statSync(path.join(memberDir(folder, replicaOf(a)), '000009.fpsync')).isDirectory()).toBe(true);
  });

  it('reads conflicted copies like any team file: duplicates are harmless, and what a copy alone holds is rescued', async () => {
    const b = await lab.joined(BORIS, folder);
    await round(b);
    const dana = new FolderMember(folder);
    // Each file made right after its records, so that its head's counter is true of it.
    const x = dana.record('contact', { name: 'Only in a sync-conflict copy' });
    dana.put('000001.sync-conflict-20261202-120000-ABCDEFG.fpsync', dana.content(1, [x]));
    const y = dana.record('contact', { name: 'In the original and its copies' });
    const second = dana.content(2, [y]);
    dana.put(teamFileName(2), second);
    for (const name of ['000002 (conflicted copy 2026-12-02).fpsync', "000002 (Jane's conflicted copy).fpsync", '000002-LAPTOP.fpsync']) dana.put(name, second);
    const z = dana.record('contact', { name: 'In the original of 3' });
    dana.put(teamFileName(3), dana.content(3, [z]));
    // The same number written twice with different content (a data folder restored from a backup).
    const w = dana.record('contact', { name: 'In a conflicted copy of 3' });
    dana.put('000003 (conflicted copy 2026-12-02).fpsync', dana.content(3, [w]));

    const read = await round(b);
    expect(read.status.problems).toEqual([]);
    expect(ids(b)).toEqual([x.id, y.id, z.id, w.id].sort());
    for (const record of [x, y, z, w]) expect(syncedOf(b, record.id)).toEqual({ id: record.id, kind: record.kind, vv: record.vv, fields: record.fields });
    const state = await stateOf(b);
    expect((await round(b)).changed).toBe(0);
    expect(await stateOf(b)).toBe(state);
  });
});

describe('damaged and hostile team files', () => {
  interface Setup {
    reader: Core;
    own: RecordView;
    hostile: FolderMember;
  }
  /** What a case writes, and why the reader must refuse it (null: any reason, as long as it is file_refused). */
  type Case = [string, (x: Setup) => { name: string; bytes: string | Buffer }, string | null];

  const good = ({ hostile }: Setup, seq = 1) => hostile.content(seq, [hostile.record('contact', { name: 'Hostile contact' })]);
  const cases: Case[] = [
    ['not JSON', () => ({ name: teamFileName(1), bytes: 'hello' }), 'not_json'],
    ['truncated', (x) => ({ name: teamFileName(1), bytes: good(x).slice(0, Math.floor(good(x).length * 0.6)) }), 'truncated'],
    [
      'a value changed without its checksum',
      (x) => {
        const bytes = good(x).replace('"value":"Hostile contact"', '"value":"Hostile contacts"');
        expect(bytes).not.toBe(good(x));
        return { name: teamFileName(1), bytes };
      },
      'checksum',
    ],
    [
      'not UTF-8',
      (x) => {
        const bytes = Buffer.from(good(x), 'utf8');
        return { name: teamFileName(1), bytes: Buffer.concat([bytes.subarray(0, 100), Buffer.from([0xc3, 0x28]), bytes.subarray(100)]) };
      },
      'encoding',
    ],
    [
      `a "${PROTO}" key in a record`,
      (x) => {
        const bytes = good(x).replace('"records":[{"fields":{', `"records":[{"fields":{"${PROTO}":{"polluted":true},`);
        expect(bytes).not.toBe(good(x));
        return { name: teamFileName(1), bytes };
      },
      'forbidden_key',
    ],
    [
      'a record of another kind than the one here with the same id',
      ({ hostile, own }) => ({ name: teamFileName(1), bytes: hostile.content(1, [hostile.record('nap', { title: { en: 'Not a contact' } }, own.id)]) }),
      'kind_mismatch',
    ],
    [
      'a file whose creator is not the member whose folder it is in',
      ({ hostile }) => ({ name: teamFileName(1), bytes: hostile.content(1, [hostile.record('contact', { name: 'Impostor' })], { creator: 'feedfeedfeedfeed' }) }),
      null,
    ],
    ["a file whose number is not its name's", (x) => ({ name: teamFileName(3), bytes: good(x, 2) }), null],
    [
      'a sealed file in a team without a passphrase',
      ({ hostile }) => ({ name: teamFileName(1), bytes: hostile.content(1, [hostile.record('contact', { name: 'Sealed' })], { passphrase: PASSPHRASE }) }),
      'needs_passphrase',
    ],
    [
      'a file of a newer format version',
      () => ({ name: teamFileName(1), bytes: '{"format":"focal-point-desk/bundle","version":3,"records":"soon","creator":42,"encryption":"quantum"}' }),
      'too_new',
    ],
  ];

  it.each(cases)('sets aside %s with its reason, reads the rest, and takes nothing of it', async (_label, make, reason) => {
    const reader = await lab.joined(CHEN, folder);
    const own = await create(reader, 'contact', { name: 'Li Wei' });
    const hostile = new FolderMember(folder);
    const x = { reader, own, hostile };
    await round(reader);
    await reader.workspace!.store.flush();

    // Alone: the problem is listed, and not one byte of the records changes.
    const { name, bytes } = make(x);
    const file = hostile.put(name, bytes);
    const dir = dataDirOf(reader);
    const before = snapshot(dir);
    const state = await stateOf(reader);
    const alone = await round(reader);
    const problem = refusal(alone.status.problems, file);
    expect(problem, JSON.stringify(alone.status.problems)).toBeDefined();
    if (reason) expect(reasonOf(problem)).toBe(reason);
    else expect(problem!.code).toBe('file_refused');
    expect(alone.changed).toBe(0);
    expect(await stateOf(reader)).toBe(state);
    await reader.workspace!.store.flush();
    expect(snapshot(dir)).toBe(before);
    expect(await ok(reader, 'bundles.history', {})).toEqual([]);

    // Beside good files of others: those are read all the same.
    const dana = new FolderMember(folder, BORIS);
    const hers = dana.record('action', { title: { en: 'Budget the mediation training' }, status: 'open' });
    dana.write(1, [hers]);
    const beside = await round(reader);
    expect(beside.changed).toBe(1);
    // The refused file, unchanged, is not read again.
    expect(beside.read).toBe(1);
    expect(ids(reader)).toEqual([own.id, hers.id].sort());
    expect((await view(reader, own.id)).kind).toBe('contact');
    expect(ids(reader).some((id) => JSON.stringify(syncedOf(reader, id)).includes(hostile.replica))).toBe(false);

    // Tried again when it changes: put right, it is read.
    const fixed = hostile.record('contact', { name: 'Put right' });
    hostile.put(name, hostile.content(Number(name.split('.')[0]), [fixed]));
    const after = await round(reader);
    expect(refusal(after.status.problems, file)).toBeUndefined();
    expect(ids(reader)).toContain(fixed.id);
  });

  it('a member whose earlier file was deleted by someone: the round goes on and reads the rest', async () => {
    const a = await lab.joined(AMINA, folder);
    const c = await lab.joined(CHEN, folder);
    const first = await create(a, 'contact', { name: 'First' });
    await round(a);
    const second = await create(a, 'contact', { name: 'Second' });
    await round(a);
    // Someone removes Amina's first file before Chen ever read it.
    fs.rmSync(path.join(memberDir(folder, replicaOf(a)), teamFileName(1)));
    const read = await round(c);
    expect(read.status.problems).toEqual([]);
    expect(ids(c)).toContain(second.id);

    // And once read: removing files already read changes nothing either, for anyone.
    await untilQuiet([a, c]);
    const files = teamFiles(folder, replicaOf(c));
    fs.rmSync(path.join(memberDir(folder, replicaOf(c)), files[0]!));
    const third = await create(a, 'contact', { name: 'Third' });
    await untilQuiet([a, c]);
    expect((await status(a)).problems).toEqual([]);
    expect((await status(c)).problems).toEqual([]);
    expect(ids(c)).toEqual(expect.arrayContaining([second.id, third.id]));
    // Its writer compacts when one of its files is gone (docs/team-folder.md), which rescues what the lost file held.
    expect(ids(c)).toContain(first.id);
    await expectSame([a, c]);
  });

  it('two rounds asked at once on one installation (the button while the watcher runs): one file per round, nothing read twice', async () => {
    const a = await lab.joined(AMINA, folder);
    const c = await lab.joined(CHEN, folder);
    await create(a, 'contact', { name: 'Li Wei' });
    await round(a);
    await create(c, 'contact', { name: 'Chen own contact' });
    const [one, two] = await Promise.all([round(c), round(c)]);
    expect(one.status.problems).toEqual([]);
    expect(two.status.problems).toEqual([]);
    expect(one.changed + two.changed).toBe(1);
    expect(teamFiles(folder, replicaOf(c))).toHaveLength(one.wrote + two.wrote);
    expect(fs.readdirSync(memberDir(folder, replicaOf(c))).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(await ok(c, 'bundles.history', {})).toHaveLength(1);
    await untilQuiet([a, c]);
    await expectSame([a, c]);
  });

  it('files arriving out of order (the second before the first) are both read, a child waiting for its parent', async () => {
    const staging = lab.tempDir('fpd-team-staging-');
    const b = await lab.joined(BORIS, staging);
    const x = await create(b, 'contact', { name: 'Written first' });
    const nap = await create(b, 'nap', { title: { en: 'NAP' } });
    await round(b);
    const y = await create(b, 'contact', { name: 'Written second' });
    const objective = await ok(b, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation' } });
    await ok(b, 'records.update', { id: x.id, fields: { phone: '+221 2' } });
    await round(b);
    const from = memberDir(staging, replicaOf(b));
    expect(teamFiles(staging, replicaOf(b))).toEqual([teamFileName(1), teamFileName(2)]);

    const c = await lab.joined(CHEN, folder);
    const to = memberDir(folder, replicaOf(b));
    fs.mkdirSync(to, { recursive: true });
    fs.copyFileSync(path.join(from, teamFileName(2)), path.join(to, teamFileName(2)));
    const early = await round(c);
    expect(early.status.problems).toEqual([]);
    fs.copyFileSync(path.join(from, teamFileName(1)), path.join(to, teamFileName(1)));
    await untilQuiet([c]);
    expect((await status(c)).problems).toEqual([]);
    for (const id of [x.id, y.id, nap.id, objective.id]) expect(syncedOf(c, id)).toEqual(syncedOf(b, id));
    expect((await view(c, x.id)).fields.phone).toBe('+221 2');
    expect((await view(c, objective.id)).parentId).toBe(nap.id);
  });
});

describe('one identity written by two installations', () => {
  it('a data folder copied to a second computer: the copy\'s file is said (same_identity) and read, never taken for its own, and nothing is lost', async () => {
    const team = { compactAfter: 2 };
    const a = await lab.joined(AMINA, folder, { team });
    const r0 = await create(a, 'contact', { name: 'Before the copy' });
    await round(a);
    const dir = dataDirOf(a);
    await lab.close(a);
    const copyDir = lab.tempDir('fpd-team-copy-');
    fs.cpSync(dir, copyDir, { recursive: true });
    const original = await lab.member(AMINA, { dataDir: dir, team });
    const copy = await lab.member(AMINA, { dataDir: copyDir, team });
    expect(replicaOf(copy)).toBe(replicaOf(original));

    // The copy writes first, under the same identity.
    const r2 = await create(copy, 'contact', { name: 'Written on the copy' });
    await round(copy);
    const r1 = await create(original, 'contact', { name: 'Written on the original' });
    const seen = await round(original);
    expect(seen.status.problems.map((p) => p.code)).toContain('same_identity');
    expect(ids(original)).toContain(r2.id);

    // Whatever compaction does next, a member joining later ends with all three.
    for (let i = 0; i < 3; i++) {
      await round(copy);
      await round(original);
    }
    const late = await lab.joined(CHEN, folder, { team });
    await round(late);
    expect(ids(late)).toEqual(expect.arrayContaining([r0.id, r1.id, r2.id]));
  });
});

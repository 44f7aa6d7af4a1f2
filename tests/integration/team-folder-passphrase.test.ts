/**
 * Choosing the team folder and its passphrase: sealed files hold no plain text, a wrong or
 * missing passphrase and a folder that cannot serve are refused at configure without a byte
 * changed, a file sealed otherwise (or not at all) is set aside, and a folder that goes away is a
 * problem of the round, not an error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fails, ok, snapshot } from './support.js';
import {
  AMINA,
  BORIS,
  CHEN,
  FolderMember,
  Lab,
  PASSPHRASE,
  configure,
  dataDirOf,
  ids,
  reasonOf,
  refusal,
  replicaOf,
  round,
  status,
  statesOf,
  teamFiles,
  treeOf,
  untilQuiet,
} from './team-support.js';
import { teamFileName } from '../../shared/team/head.js';
import type { TeamProblem } from '../../shared/team/format.js';
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
const stateOf = async (core: Core) => (await statesOf([core]))[0]!;

/** Configure must fail with this issue and leave the data folder and the status as they were. */
async function refusedAtConfigure(core: Core, request: { folder: string | null; passphrase?: string }, at: 'folder' | 'passphrase', code: string) {
  await core.workspace!.store.flush();
  const dir = dataDirOf(core);
  const tree = treeOf(dir);
  const before = await status(core);
  const error = await fails(core, 'sync.configure', request);
  expect(error.code).toBe('invalid_request');
  expect(error.issues).toEqual([{ path: [at], message: `errors:team.${code}` }]);
  expect(await status(core)).toEqual(before);
  expect(treeOf(dir)).toEqual(tree);
}
const folderRefused = (core: Core, chosen: string, code: string) => refusedAtConfigure(core, { folder: chosen }, 'folder', code);

describe('passphrases', () => {
  const TITLE = 'Confidential mediation roster';

  it('seals every file: no plain text of a record or of its writer on disk, and the files open with the passphrase', async () => {
    const a = await lab.member(AMINA);
    const on = await configure(a, folder, PASSPHRASE);
    expect(on.encrypted).toBe(true);
    await create(a, 'nap', { title: { en: TITLE } });
    await create(a, 'contact', { name: 'Li Wei', email: 'li.wei@example.org' });
    await round(a);
    const files = teamFiles(folder, replicaOf(a));
    expect(files.length).toBeGreaterThan(0);
    for (const [name] of Object.entries(treeOf(folder))) {
      const bytes = fs.readFileSync(path.join(folder, name));
      for (const secret of [TITLE, 'Li Wei', 'li.wei@example.org', AMINA.name, 'Amina']) expect(bytes.includes(secret), `${secret} in ${name}`).toBe(false);
    }

    const b = await lab.joined(BORIS, folder, { passphrase: PASSPHRASE });
    expect((await status(b)).encrypted).toBe(true);
    await untilQuiet([a, b]);
    expect((await status(b)).problems).toEqual([]);
    expect(ids(b)).toEqual(ids(a));
  });

  it('refuses at configure a wrong passphrase and a missing one, changing nothing; the right one is taken', async () => {
    const a = await lab.member(AMINA);
    await configure(a, folder, PASSPHRASE);
    await create(a, 'nap', { title: { en: TITLE } });
    await round(a);

    const b = await lab.member(BORIS);
    await create(b, 'contact', { name: 'Boris own contact' });
    await refusedAtConfigure(b, { folder, passphrase: 'not the passphrase' }, 'passphrase', 'wrong_passphrase');
    await refusedAtConfigure(b, { folder }, 'passphrase', 'needs_passphrase');
    expect(teamFiles(folder, replicaOf(b))).toEqual([]);
    expect((await fails(b, 'sync.now', {})).code).toBe('not_found');

    await configure(b, folder, PASSPHRASE);
    await untilQuiet([a, b]);
    expect(ids(b)).toEqual(ids(a));
  });

  it('refuses a passphrase when the team has none (not_encrypted); an empty folder takes the first member’s passphrase', async () => {
    const a = await lab.joined(AMINA, folder);
    await create(a, 'contact', { name: 'Li Wei' });
    await round(a);
    const b = await lab.member(BORIS);
    await refusedAtConfigure(b, { folder, passphrase: PASSPHRASE }, 'passphrase', 'not_encrypted');

    const empty = lab.tempDir('fpd-team-empty-');
    const c = await lab.member(CHEN);
    expect((await configure(c, empty, 'any passphrase at all')).encrypted).toBe(true);
  });

  it('sets aside a file sealed with another passphrase, and a plain one, and reads the rest', async () => {
    const a = await lab.joined(AMINA, folder, { passphrase: PASSPHRASE });
    await create(a, 'contact', { name: 'Li Wei' });
    await round(a);
    const c = await lab.joined(CHEN, folder, { passphrase: PASSPHRASE });
    const stranger = new FolderMember(folder);
    const file = stranger.put(teamFileName(1), stranger.content(1, [stranger.record('contact', { name: 'Sealed otherwise' })], { passphrase: 'another passphrase' }));
    // Anyone who can write in the folder but has no passphrase cannot slip plain records in.
    const plain = new FolderMember(folder, BORIS);
    const plainFile = plain.write(1, [plain.record('contact', { name: 'Slipped in plain' })]);
    const read = await round(c);
    expect(reasonOf(refusal(read.status.problems, file))).toBe('wrong_passphrase');
    expect(refusal(read.status.problems, plainFile), JSON.stringify(read.status.problems)).toBeDefined();
    expect(ids(c)).toEqual(ids(a));
  });
});

describe('changing the passphrase', () => {
  it('a member alone in the folder changes it: its files are sealed again, and a member with the new one reads them', async () => {
    const a = await lab.joined(AMINA, folder, { passphrase: PASSPHRASE });
    const contact = await create(a, 'contact', { name: 'Li Wei' });
    await round(a);
    const changed = await configure(a, folder, 'a brand new passphrase');
    expect(changed.encrypted).toBe(true);
    await round(a);
    const b = await lab.joined(BORIS, folder, { passphrase: 'a brand new passphrase' });
    await untilQuiet([a, b]);
    expect((await status(b)).problems).toEqual([]);
    expect(ids(b)).toContain(contact.id);
  });
});

describe('the folder itself', () => {
  it('refuses a folder inside the data folder', async () => {
    const a = await lab.member(AMINA);
    await create(a, 'contact', { name: 'Li Wei' });
    const inside = path.join(dataDirOf(a), 'team');
    fs.mkdirSync(inside);
    await folderRefused(a, inside, 'inside_data');
    expect(fs.readdirSync(inside)).toEqual([]);
    await folderRefused(a, dataDirOf(a), 'inside_data');
  });

  it('refuses a folder that holds the data folder', async () => {
    const parent = lab.tempDir('fpd-team-parent-');
    const a = await lab.member(AMINA, { dataDir: path.join(parent, 'data') });
    await create(a, 'contact', { name: 'Li Wei' });
    await folderRefused(a, parent, 'inside_data');
  });

  it('a status read twice with nothing between is the same', async () => {
    const a = await lab.joined(AMINA, folder);
    const first = await status(a);
    const stamp = Date.parse(first.members.find((m) => m.me)!.lastSeen);
    // Within the same millisecond the two would match by chance: wait for the clock to move on.
    while (Date.now() <= stamp) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(await status(a)).toEqual(first);
  });

  it('refuses a folder that is not there, and a file given as the folder', async () => {
    const a = await lab.member(AMINA);
    await folderRefused(a, path.join(folder, 'not there'), 'folder_missing');
    expect(fs.existsSync(path.join(folder, 'not there'))).toBe(false);
    const file = path.join(folder, 'a file.txt');
    fs.writeFileSync(file, 'hello');
    await folderRefused(a, file, 'not_a_folder');
    // Configured already: a refused change keeps the folder it had.
    await configure(a, folder);
    await folderRefused(a, path.join(folder, 'not there'), 'folder_missing');
    expect((await status(a)).folder).toBe(folder);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write to', async () => {
    const a = await lab.member(AMINA);
    fs.chmodSync(folder, 0o555);
    try {
      await folderRefused(a, folder, 'folder_read_only');
    } finally {
      fs.chmodSync(folder, 0o755);
    }
  });

  it('a folder gone after configuring (unmounted): the round reports folder_missing, changes nothing, and goes on once it is back', async () => {
    const a = await lab.joined(AMINA, folder);
    const b = await lab.joined(BORIS, folder);
    await create(b, 'contact', { name: 'Li Wei' });
    await create(a, 'contact', { name: 'Amina own contact' });
    await untilQuiet([a, b]);
    await create(b, 'contact', { name: 'Written while Amina was away' });
    await round(b);
    await create(a, 'contact', { name: 'Written by Amina while away' });
    await a.workspace!.store.flush();
    const dir = dataDirOf(a);
    const withLocal = snapshot(dir);
    const state = await stateOf(a);

    const away = `${folder}-unmounted`;
    fs.renameSync(folder, away);
    lab.dirs.push(away);
    const gone = await round(a);
    expect(gone.status.state).toBe('problem');
    expect(gone.status.problems.map((p: TeamProblem) => p.code)).toContain('folder_missing');
    expect(gone).toMatchObject({ read: 0, changed: 0, wrote: 0 });
    expect(fs.existsSync(folder)).toBe(false);
    await a.workspace!.store.flush();
    expect(snapshot(dir)).toBe(withLocal);
    expect((await status(a)).problems.map((p) => p.code)).toContain('folder_missing');
    expect(await stateOf(a)).toBe(state);

    fs.renameSync(away, folder);
    const back = await round(a);
    expect(back.status.problems).toEqual([]);
    expect(back.status.state).not.toBe('problem');
    await untilQuiet([a, b]);
    expect(ids(a)).toEqual(ids(b));
  });
});

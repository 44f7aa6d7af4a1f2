/**
 * fpdesk sync: two data folders kept in step through one team folder with the command line only,
 * the JSON it prints, its exit codes, and what it leaves untouched when it refuses.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../main/core/index.js';
import { PASSPHRASE_MIN, TEAM_DIR } from '../../shared/team/format.js';
import { runCli, snapshot } from './support.js';

// The CLI speaks the system language; these assertions read English, whatever the machine's.
for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANGUAGE']) delete process.env[name];
process.env.LANG = 'en_US.UTF-8';
const { run } = await import('../../main/cli/index.js');

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The English sentences of the team folder's problems, as the app and the terminal say them. */
const TEAM_SENTENCES = (JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', 'en', 'errors.json'), 'utf8')) as { team?: Record<string, string> }).team ?? {};
const sentence = (code: string) => {
  const text = TEAM_SENTENCES[code];
  if (!text) throw new Error(`locales/en/errors.json has no team.${code}`);
  return text;
};

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-cli-sync-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(work, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(run, argv);

/** A data folder with a profile and one NAP, made through the core as the app makes it. */
async function seed(dataDir: string, name: string, title: string) {
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  await core.client.call('profile.set', { name, organisation: `Ministry of ${name}`, country: 'SN', role: 'national_focal_point' });
  await core.client.call('records.create', { kind: 'nap', fields: { title: { en: title }, status: 'drafting' } });
  await core.close();
}

const napTitles = async (dataDir: string) =>
  (JSON.parse((await cli('records', 'list', '--data', dataDir, '--kind', 'nap', '--json')).out) as { title: string }[]).map((r) => r.title).sort();

/** What the CLI said on stderr during `run` (a file set aside, a notice from opening the folder). */
async function withStderr<T>(run: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    return { result: await run(), stderr: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

describe('fpdesk sync', () => {
  it('keeps two data folders in step through one team folder, with the command line only', async () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    const team = path.join(work, 'team');
    fs.mkdirSync(team);
    await seed(a, 'Amina', 'NAP of A');
    await seed(b, 'Boris', 'NAP of B');

    const first = await cli('sync', '--data', a, '--folder', team);
    expect(first, first.error).toMatchObject({ code: 0 });
    expect(first.out).toContain(`Team folder: ${team}`);
    expect(first.out).toMatch(/Wrote 1 file to the team folder\./);
    expect(first.out).toMatch(/Read 0 files written by other members\./);
    expect(first.out).toMatch(/1 record published for the team\./);
    expect(first.out).toMatch(/Amina \(Ministry of Amina\), last wrote .+ \(this installation\)/);
    expect(fs.readdirSync(path.join(team, TEAM_DIR))).toHaveLength(1);

    // Relative folder paths are taken from the working directory, as the other options.
    const relative = path.relative(process.cwd(), team);
    const second = await cli('sync', '--data', b, '--folder', relative);
    expect(second, second.error).toMatchObject({ code: 0 });
    expect(second.out).toContain(`Team folder: ${team}`);
    expect(second.out).toMatch(/Read 1 file written by other members\./);
    expect(second.out).toMatch(/1 record changed here by their edits\./);
    expect(second.out).toMatch(/Amina \(Ministry of Amina\), last wrote /);
    expect(await napTitles(b)).toEqual(['NAP of A', 'NAP of B']);

    const third = await cli('sync', '--data', a, '--folder', team);
    expect(third, third.error).toMatchObject({ code: 0 });
    expect(third.out).toMatch(/1 record changed here by their edits\./);
    expect(await napTitles(a)).toEqual(['NAP of A', 'NAP of B']);

    // Nothing new: nothing to write, nothing to read.
    const again = await cli('sync', '--data', a, '--folder', team);
    expect(again.out).toMatch(/Wrote 0 files/);
    expect(again.out).toMatch(/0 records changed/);
  });

  it('prints the round as JSON with --json', async () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    const team = path.join(work, 'team');
    fs.mkdirSync(team);
    await seed(a, 'Amina', 'NAP of A');
    await seed(b, 'Boris', 'NAP of B');
    expect((await cli('sync', '--data', a, '--folder', team, '--json')).code).toBe(0);
    const result = await cli('sync', '--data', b, '--folder', team, '--json');
    expect(result, result.error).toMatchObject({ code: 0 });
    const round = JSON.parse(result.out);
    expect(round).toEqual({
      wrote: 1,
      read: 1,
      changed: 1,
      // A member's first file holds what it is the source of: its own NAP, not A's it has just read.
      published: 1,
      status: expect.objectContaining({ folder: team, encrypted: false, problems: [], lastSync: expect.any(String) }),
    });
    expect(round.status.members.map((m: { name: string; organisation: string; me: boolean }) => [m.name, m.organisation, m.me]).sort()).toEqual([
      ['Amina', 'Ministry of Amina', false],
      ['Boris', 'Ministry of Boris', true],
    ]);
    for (const member of round.status.members) expect(Date.parse(member.lastSeen)).not.toBeNaN();
  });

  it('says which options are missing (exit 2)', async () => {
    const a = path.join(work, 'a');
    await seed(a, 'Amina', 'NAP of A');
    expect(await cli('sync', '--data', a)).toMatchObject({ code: 2, error: 'Missing: --folder F' });
    expect(await cli('sync', '--folder', work)).toMatchObject({ code: 2, error: 'Missing: --data DIR' });
    expect(await cli('sync', '--data', a, '--folder', work, '--bogus')).toMatchObject({ code: 2 });
    expect(await cli('sync', '--data', a, '--folder', work, 'extra')).toMatchObject({ code: 2 });
  });

  it('refuses a folder that does not exist, or is a file (exit 1), and changes nothing', async () => {
    const a = path.join(work, 'a');
    await seed(a, 'Amina', 'NAP of A');
    const missing = path.join(work, 'not-plugged-in');
    const before = snapshot(a);
    const result = await cli('sync', '--data', a, '--folder', missing);
    // The app's sentence, with the folder it concerns (the sentence leaves it out).
    expect(result).toMatchObject({ code: 1, error: `${missing}: ${sentence('folder_missing')}` });
    expect(fs.existsSync(missing)).toBe(false);
    expect(snapshot(a)).toBe(before);

    // A file where a folder should be.
    const file = path.join(work, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    expect(await cli('sync', '--data', a, '--folder', file)).toMatchObject({ code: 1, error: `${file}: ${sentence('not_a_folder')}` });
  });

  it('refuses a wrong passphrase (exit 1) and leaves the data folder as it was', async () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    const team = path.join(work, 'team');
    fs.mkdirSync(team);
    await seed(a, 'Amina', 'NAP of A');
    await seed(b, 'Boris', 'NAP of B');
    const right = path.join(work, 'right.txt');
    const wrong = path.join(work, 'wrong.txt');
    fs.writeFileSync(right, 'correct horse battery staple\n');
    fs.writeFileSync(wrong, 'incorrect horse battery staple\n');

    const sealed = await cli('sync', '--data', a, '--folder', team, '--passphrase-file', right);
    expect(sealed, sealed.error).toMatchObject({ code: 0 });
    expect(sealed.out).toContain("The team's files are encrypted with the team passphrase.");
    // Nothing in the team folder is plain text but the folder and file names.
    for (const dir of fs.readdirSync(path.join(team, TEAM_DIR))) {
      for (const name of fs.readdirSync(path.join(team, TEAM_DIR, dir))) expect(fs.readFileSync(path.join(team, TEAM_DIR, dir, name), 'utf8')).not.toContain('NAP of A');
    }

    const before = snapshot(b);
    const refused = await cli('sync', '--data', b, '--folder', team, '--passphrase-file', wrong);
    expect(refused).toMatchObject({ code: 1, error: sentence('wrong_passphrase') });
    expect(snapshot(b)).toBe(before);
    expect(await napTitles(b)).toEqual(['NAP of B']);
    const none = await cli('sync', '--data', b, '--folder', team);
    expect(none).toMatchObject({ code: 1, error: sentence('needs_passphrase') });
    expect(snapshot(b)).toBe(before);

    const short = path.join(work, 'short.txt');
    fs.writeFileSync(short, 'short');
    expect(await cli('sync', '--data', b, '--folder', team, '--passphrase-file', short)).toMatchObject({ code: 1, error: sentence('passphrase_short').replace('{{min, number}}', String(PASSPHRASE_MIN)) });
    expect(await cli('sync', '--data', b, '--folder', team, '--passphrase-file', path.join(work, 'absent.txt'))).toMatchObject({ code: 1, error: expect.stringContaining('ENOENT') });

    const opened = await cli('sync', '--data', b, '--folder', team, '--passphrase-file', right);
    expect(opened, opened.error).toMatchObject({ code: 0 });
    expect(await napTitles(b)).toEqual(['NAP of A', 'NAP of B']);
  });

  it('reads the rest when a file of another member is damaged (exit 0, the file said on stderr)', async () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    const team = path.join(work, 'team');
    fs.mkdirSync(team);
    await seed(a, 'Amina', 'NAP of A');
    await seed(b, 'Boris', 'NAP of B');
    expect((await cli('sync', '--data', a, '--folder', team)).code).toBe(0);
    // Another member's file, cut short on the way.
    const strange = path.join(team, TEAM_DIR, 'abcdef0123456789');
    fs.mkdirSync(strange);
    fs.writeFileSync(path.join(strange, '000001.fpsync'), '{"format":"focal-point-desk-bundle"');
    // And a conflicted copy (a sync engine's name for it) whose name would clear the screen and
    // turn the line around if printed as it is.
    fs.writeFileSync(path.join(strange, '000002 (conflicted copy \x1b[2J\u202e).fpsync'), 'not a bundle');

    const { result, stderr } = await withStderr(() => cli('sync', '--data', b, '--folder', team));
    expect(result, result.error).toMatchObject({ code: 0 });
    expect(await napTitles(b)).toEqual(['NAP of A', 'NAP of B']);
    // The file, the team folder's sentence, then why the reader refused it (a bundle sentence).
    const prefix = `abcdef0123456789/000001.fpsync: ${sentence('file_refused')} `;
    const line = stderr.split('\n').find((l) => l.startsWith(prefix));
    expect(line, stderr).toBeDefined();
    expect(line!.length).toBeGreaterThan(prefix.length + 10);
    expect(stderr).toContain('abcdef0123456789/000002 (conflicted copy \\x1b[2J\\u202e).fpsync: ');
    expect(stderr.includes('\x1b') || stderr.includes('\u202e')).toBe(false);
  });

  it('will not sync a data folder the app has open (exit 3)', async () => {
    const a = path.join(work, 'a');
    await seed(a, 'Amina', 'NAP of A');
    fs.writeFileSync(path.join(a, 'instance.json'), JSON.stringify({ pid: process.ppid, url: null }));
    expect(await cli('sync', '--data', a, '--folder', work)).toMatchObject({ code: 3 });
  });

  it('has help, and is in the usage', () => {
    const bin = path.join(ROOT, 'bin', 'fpdesk.mjs');
    const help = spawnSync(process.execPath, [bin, 'sync', '--help'], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: fpdesk sync --data DIR --folder F/);
    const french = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, LANG: 'fr_FR.UTF-8', LC_ALL: '' } });
    expect(french.stdout).toContain("dossier d’équipe");
    const missing = spawnSync(process.execPath, [bin, 'sync', '--data', work], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Missing: --folder F');
  }, 30_000);
});

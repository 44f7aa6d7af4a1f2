import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRecord } from '../../shared/sync/record.js';
import type { Kind } from '../../shared/records/kinds.js';
import { checksumOf } from '../../main/core/bundles/codec.js';
import { openCore } from '../../main/core/index.js';
import { runCli, snapshot } from './support.js';

// The CLI speaks the system language; these assertions read English, whatever the machine's.
for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANGUAGE']) delete process.env[name];
process.env.LANG = 'en_US.UTF-8';
const { run } = await import('../../main/cli/index.js');

const ROOT = path.resolve(import.meta.dirname, '..', '..');
let work: string;

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-cli-'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs a command in-process and returns what it printed (one string), or the error it ended with. */
const cli = (...argv: string[]) => runCli(run, argv);

async function seed(dataDir: string, name: string) {
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  await core.client.call('profile.set', { name, organisation: 'Ministry', country: 'SN', role: 'national_focal_point' });
  const nap = await core.client.call('records.create', { kind: 'nap', fields: { title: { en: `${name}'s NAP` }, status: 'drafting' } });
  await core.client.call('records.create', { kind: 'meeting', fields: { title: { en: 'Network meeting' }, start: '2026-03-10T09:00:00+01:00' } });
  await core.client.call('records.create', { kind: 'meeting', fields: { title: { en: 'Later meeting' }, start: '2026-09-10T09:00:00+01:00' } });
  await core.close();
  return nap.id;
}

describe('fpdesk', () => {
  it('exports, inspects, validates and imports, with --json where it helps', async () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    const napId = await seed(a, 'Amina');
    await seed(b, 'Boris');
    const file = path.join(work, 'a.fpbundle');
    expect(await cli('export', '--data', a, '--scope', 'all', '-o', file)).toMatchObject({ code: 0, out: `Exported 3 records to ${file}.` });

    const inspect = await cli('bundle', 'inspect', file);
    expect(inspect.out).toContain('Made by: Amina (Ministry)');
    expect(inspect.out).toContain('meeting: 2');
    const json = JSON.parse((await cli('bundle', 'inspect', file, '--json')).out);
    expect(json).toMatchObject({ creator: { name: 'Amina' }, recordCount: 3, counts: { nap: 1, meeting: 2 }, encrypted: false });
    expect(await cli('bundle', 'validate', file)).toMatchObject({ code: 0, out: 'Valid: 3 records, checksum verified.' });

    const dry = JSON.parse((await cli('import', file, '--data', b, '--dry-run', '--json')).out);
    expect(dry).toMatchObject({ dryRun: true, counts: { nap: { new: 1 }, meeting: { new: 2 } }, backup: null });
    const listed = JSON.parse((await cli('records', 'list', '--data', b, '--kind', 'nap', '--json')).out);
    expect(listed).toHaveLength(1);
    expect((await cli('import', file, '--data', b)).out).toContain('Imported.');
    const after = JSON.parse((await cli('records', 'list', '--data', b, '--kind', 'nap', '--json')).out);
    expect(after.map((r: { title: string }) => r.title).sort()).toEqual(["Amina's NAP", "Boris's NAP"]);
    expect((await cli('import', file, '--data', b)).out).toContain('already imported');

    const one = path.join(work, 'nap.fpbundle');
    await cli('export', '--data', a, '--scope', `nap:${napId}`, '-o', one);
    expect(JSON.parse((await cli('bundle', 'inspect', one, '--json')).out).counts).toEqual({ nap: 1 });
    const meetings = path.join(work, 'meetings.fpbundle');
    await cli('export', '--data', a, '--scope', 'meetings:2026-01-01..2026-06-30', '-o', meetings);
    expect(JSON.parse((await cli('bundle', 'inspect', meetings, '--json')).out).counts).toEqual({ meeting: 1 });
    const picked = path.join(work, 'picked.fpbundle');
    await cli('export', '--data', a, '--scope', `ids:${napId},${napId}`, '-o', picked);
    const inspected = JSON.parse((await cli('bundle', 'inspect', picked, '--json')).out);
    expect(inspected).toMatchObject({ counts: { nap: 1 }, scope: { type: 'selection', ids: [napId] } });
  });

  it('merges bundles the way the app merges imports, and protects them with a passphrase file', async () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    await seed(a, 'Amina');
    await seed(b, 'Boris');
    const secret = path.join(work, 'secret.txt');
    fs.writeFileSync(secret, 'a long enough passphrase\n');
    await cli('export', '--data', a, '--scope', 'all', '-o', path.join(work, 'a.fpbundle'));
    await cli('export', '--data', b, '--scope', 'all', '-o', path.join(work, 'b.fpbundle'), '--passphrase-file', secret);
    expect(await cli('bundle', 'validate', path.join(work, 'b.fpbundle'))).toMatchObject({ code: 1, error: 'This bundle is protected with a passphrase. Enter it to open the bundle.' });
    // One passphrase for all inputs: the plain one needs none, the protected one opens with it.
    const merged = path.join(work, 'merged.fpbundle');
    expect((await cli('bundle', 'merge', path.join(work, 'a.fpbundle'), path.join(work, 'b.fpbundle'), '-o', merged, '--passphrase-file', secret)).code).toBe(0);
    expect(JSON.parse((await cli('bundle', 'inspect', merged, '--json', '--passphrase-file', secret)).out)).toMatchObject({ recordCount: 6, encrypted: true });
  });

  it('refuses with a clear message and a documented exit code', async () => {
    const bad = path.join(work, 'bad.fpbundle');
    fs.writeFileSync(bad, '{"format":"focal-point-desk/bundle","version":9}');
    expect(await cli('bundle', 'validate', bad)).toMatchObject({ code: 1, error: expect.stringContaining('newer version') });
    fs.writeFileSync(bad, 'not a bundle');
    expect(await cli('bundle', 'validate', bad)).toMatchObject({ code: 1, error: 'This file is not a Focal Point Desk bundle, or it is damaged.' });
    expect(await cli('bundle', 'validate', path.join(work, 'missing.fpbundle'))).toMatchObject({ code: 1, error: expect.stringContaining('ENOENT') });
    expect((await cli('export', '--data', work, '--scope', 'everything', '-o', bad)).code).toBe(2);
    expect((await cli('records', 'list', '--data', work, '--kind', 'treaty')).code).toBe(2);
    expect((await cli('import', bad)).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('bundle', 'inspect', '--bogus')).code).toBe(2);
  });

  it('will not import into a data folder the app has open', async () => {
    const dir = path.join(work, 'open');
    await seed(dir, 'Amina');
    const file = path.join(work, 'x.fpbundle');
    await cli('export', '--data', dir, '--scope', 'all', '-o', file);
    fs.writeFileSync(path.join(dir, 'instance.json'), JSON.stringify({ pid: process.ppid, url: null }));
    expect(await cli('import', file, '--data', dir)).toMatchObject({ code: 3 });
  });

  it('has help for every command, and runs as `npx fpdesk` with exit codes', () => {
    for (const args of [['--help'], ['bundle', 'inspect', '--help'], ['bundle', 'validate', '-h'], ['bundle', 'merge', '--help'], ['import', '--help'], ['export', '--help'], ['records', 'list', '--help'], ['document', '--help'], ['search', '--help']]) {
      const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'fpdesk.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).toMatch(/^Usage: fpdesk/);
    }
    const wrong = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'fpdesk.mjs'), 'nonsense'], { encoding: 'utf8', env: { ...process.env, LANG: 'fr_FR.UTF-8', LC_ALL: '' } });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/fpdesk/);
    expect(wrong.stderr).not.toMatch(/Unknown command/);
    // Nine Node processes, each compiling the CLI with tsx when there is no build: seconds each
    // on a busy two-core machine.
  }, 90_000);
});

interface RawBundle {
  checksum: string;
  recordCount: number;
  records: SyncRecord[];
  encryption?: Record<string, unknown>;
}

/** A bundle changed by hand, with its count and checksum made right again, so only the change is wrong. */
function reseal(content: string, change: (bundle: RawBundle) => void): string {
  const bundle = JSON.parse(content) as RawBundle;
  change(bundle);
  bundle.recordCount = bundle.records.length;
  bundle.checksum = checksumOf(bundle.records);
  return canonicalize(bundle)!;
}

describe('fpdesk: bundle validate and import read a file the same way', () => {
  it('refuses each hostile file with the same message in validate and in import, and import leaves the data folder as it was', async () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    const napId = await seed(a, 'Amina');
    await seed(b, 'Boris');
    const core = await openCore({ dataDir: a, host: 'browser', systemLocales: ['en'], log: () => undefined });
    const objective = (await core.client.call('records.create', { kind: 'nap.objective', parentId: napId, fields: { pillar: 'participation', title: { en: 'Objective' } } })).id;
    const snap = (await core.client.call('naps.snapshot', { napId, name: 'Draft 2' })).id;
    await core.close();
    const secret = path.join(work, 'secret.txt');
    fs.writeFileSync(secret, 'a long enough passphrase\n');
    const plainFile = path.join(work, 'plain.fpbundle');
    const sealedFile = path.join(work, 'sealed.fpbundle');
    await cli('export', '--data', a, '--scope', 'all', '-o', plainFile);
    await cli('export', '--data', a, '--scope', 'all', '-o', sealedFile, '--passphrase-file', secret);
    const plain = fs.readFileSync(plainFile, 'utf8');
    const sealed = JSON.parse(fs.readFileSync(sealedFile, 'utf8')) as { encryption: { tag: string; N: number } };
    /** The UTF-8 bytes of U+FFFD replaced by a byte that is not UTF-8 at all. */
    const unreadable = (text: string) => {
      const bytes = Buffer.from(text);
      const at = bytes.indexOf(Buffer.from('\ufffd'));
      expect(at).toBeGreaterThan(0);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at + 3)]);
    };

    const cases: [string, string | Buffer, boolean, string][] = [
      [
        'a GCM tag of 4 bytes',
        canonicalize({ ...sealed, encryption: { ...sealed.encryption, tag: Buffer.from(sealed.encryption.tag, 'base64').subarray(0, 4).toString('base64') } })!,
        true,
        'This bundle is damaged: a part of it is not valid (encryption.tag). Nothing was imported.',
      ],
      [
        'a scrypt N that is not a power of two',
        canonicalize({ ...sealed, encryption: { ...sealed.encryption, N: 3 * 8192 } })!,
        true,
        'This bundle is damaged: a part of it is not valid (encryption.N). Nothing was imported.',
      ],
      [
        'a second records key',
        plain.replace(/\}$/, () => `, "records" : ${JSON.stringify((JSON.parse(plain) as RawBundle).records.slice(1).concat((JSON.parse(plain) as RawBundle).records[0]!))}}`),
        false,
        'This bundle was damaged or altered: it names the same item twice in one place (records), so it cannot be read reliably. Nothing was imported.',
      ],
      [
        'a byte that is not UTF-8 inside a title',
        // Checksummed over what a reader of text makes of the byte (U+FFFD), so only the reading can tell.
        unreadable(
          reseal(plain, (x) => {
            const nap = x.records.find((r) => r.kind === 'nap')!;
            nap.fields['title@en']![0]!.value = 'Amina\ufffds NAP';
          }),
        ),
        false,
        'This file is not a Focal Point Desk bundle: its text is not readable (it may be damaged or in another format).',
      ],
      [
        'an objective whose parent in the bundle is a meeting',
        reseal(plain, (x) => (x.records.find((r) => r.id === objective)!.fields._parent![0]!.value = x.records.find((r) => r.kind === 'meeting')!.id)),
        false,
        `This bundle contains data that is not valid (record ${objective}, field fields._parent). Nothing was imported.`,
      ],
      [
        'a meeting that ends before it starts',
        reseal(plain, (x) => {
          const meeting = x.records.find((r) => r.kind === 'meeting')!;
          meeting.fields.end = [{ ...structuredClone(meeting.fields.start![0]!), value: '2020-01-01T00:00:00Z' }];
        }),
        false,
        expect.stringMatching(/^This bundle contains data that is not valid \(record [0-9a-f-]{36}, field fields\.end\)\. Nothing was imported\.$/) as unknown as string,
      ],
      [
        'a snapshot holding a 2 MB title',
        reseal(plain, (x) => {
          const copies = x.records.find((r) => r.id === snap)!.fields.records![0]!.value as { fields: unknown }[];
          copies[0]!.fields = { title: { en: 'x'.repeat(2 * 1024 * 1024) } };
        }),
        false,
        `This bundle contains data that is not valid (record ${snap}, field fields.records.0.fields.title.en). Nothing was imported.`,
      ],
    ];
    for (const [label, content, needsSecret, message] of cases) {
      const file = path.join(work, 'hostile.fpbundle');
      fs.writeFileSync(file, content);
      const options = needsSecret ? ['--passphrase-file', secret] : [];
      const before = snapshot(b);
      expect(await cli('bundle', 'validate', file, ...options), label).toMatchObject({ code: 1, error: message });
      expect(await cli('import', file, '--data', b, ...options), label).toMatchObject({ code: 1, error: message });
      expect(snapshot(b), label).toBe(before);
    }

    // Sound in itself, so valid; but its parent is only in the folder it goes to, and a meeting.
    const meetingHere = JSON.parse((await cli('records', 'list', '--data', b, '--kind', 'meeting', '--json')).out)[0].id as string;
    const file = path.join(work, 'elsewhere.fpbundle');
    fs.writeFileSync(
      file,
      reseal(plain, (x) => {
        x.records = x.records.filter((r) => r.id === objective);
        x.records[0]!.fields._parent![0]!.value = meetingHere;
      }),
    );
    expect(await cli('bundle', 'validate', file)).toMatchObject({ code: 0, out: 'Valid: 1 record, checksum verified.' });
    const before = snapshot(b);
    expect(await cli('import', file, '--data', b)).toMatchObject({
      code: 1,
      error: `This bundle contains data that is not valid (record ${objective}, field fields._parent). Nothing was imported.`,
    });
    expect(snapshot(b)).toBe(before);
  });
});

describe('fpdesk search', () => {
  /** A data folder with a NAP (France), an objective and an action under it, and a meeting. */
  async function searchable(dataDir: string) {
    const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
    const create = async (kind: Kind, fields: Record<string, unknown>, parentId?: string) =>
      (await core.client.call('records.create', { kind, fields, ...(parentId ? { parentId } : {}) })).id;
    const nap = await create('nap', { title: { en: 'Second National Action Plan', fr: 'Deuxième plan d’action national' }, country: 'FR', status: 'drafting' });
    const objective = await create('nap.objective', { pillar: 'participation', title: { en: 'More women in peace operations' } }, nap);
    const action = await create('nap.action', { description: { en: 'Deploy women police officers to peacekeeping missions.\u001b[2J' } }, objective);
    const meeting = await create('meeting', { title: { en: 'Network meeting on police reform' }, start: '2026-03-10T09:00:00+01:00' });
    await core.close();
    return { nap, objective, action, meeting };
  }

  it('prints one line per hit (kind, title, parent, marked snippet) and the count; --json gives the hits with their ids', async () => {
    const dir = path.join(work, 'data');
    const ids = await searchable(dir);
    const human = await cli('search', '--data', dir, 'police');
    expect(human.code).toBe(0);
    const lines = human.out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toContain('Meeting: Network meeting on police reform — Network meeting on «police» reform');
    // The parent is the NAP the action belongs to; text from the folder is printed escaped.
    expect(lines).toContain('Action: Deploy women police officers to peacekeeping missions.\\x1b[2J (in Second National Action Plan) — Deploy women «police» officers to peacekeeping missions.\\x1b[2J');
    expect(lines[2]).toBe('2 results');

    const json = JSON.parse((await cli('search', '--data', dir, '--json', 'women', 'police')).out) as { total: number; hits: { id: string; kind: string; parent: { id: string } | null }[] };
    expect(json.total).toBe(1);
    expect(json.hits[0]).toMatchObject({ id: ids.action, kind: 'nap.action', parent: { id: ids.nap, kind: 'nap' } });
    // One quoted argument is the same as several words.
    expect(JSON.parse((await cli('search', '--data', dir, '--json', 'women police')).out).total).toBe(1);
    // A country name in another language finds the NAP of that country.
    expect(JSON.parse((await cli('search', '--data', dir, '--json', 'Франция')).out).hits.map((h: { id: string }) => h.id)).toEqual([ids.nap]);
  });

  it('filters by kind (repeated or comma-separated), limits, and exits 0 with no hits', async () => {
    const dir = path.join(work, 'data');
    const ids = await searchable(dir);
    const kinds = async (...args: string[]) => (JSON.parse((await cli('search', '--data', dir, '--json', ...args)).out).hits as { id: string }[]).map((h) => h.id).sort();
    expect(await kinds('--kind', 'meeting', 'police')).toEqual([ids.meeting]);
    expect(await kinds('--kind', 'meeting,nap.action', 'police')).toEqual([ids.action, ids.meeting].sort());
    expect(await kinds('--kind', 'meeting', '--kind', 'nap.action', 'police')).toEqual([ids.action, ids.meeting].sort());
    expect(await kinds('--kind', ' meeting, ', 'police')).toEqual([ids.meeting]);
    expect(await kinds('--kind', 'contact', 'police')).toEqual([]);
    const limited = await cli('search', '--data', dir, '--limit', '1', 'police');
    expect(limited.out.split('\n')).toHaveLength(2);
    expect(limited.out.split('\n')[1]).toBe('Results shown: 1 of 2 (--limit N to see more)');
    expect(await cli('search', '--data', dir, 'nothinglikethis')).toEqual({ code: 0, out: '0 results' });
    expect(await cli('search', '--data', dir, '--json', '!!! 🙂')).toEqual({ code: 0, out: JSON.stringify({ total: 0, hits: [] }, null, 2) });
    // A pasted page is cut to what is searched, not refused.
    expect((await cli('search', '--data', dir, `police ${'x'.repeat(100_000)}`)).code).toBe(0);
  });

  it('refuses a missing TEXT, an unknown kind and a wrong limit with exit 2, and a missing --data', async () => {
    const dir = path.join(work, 'data');
    await searchable(dir);
    expect(await cli('search', '--data', dir)).toMatchObject({ code: 2, error: 'Missing: TEXT' });
    expect(await cli('search', '--data', dir, '  ')).toMatchObject({ code: 2, error: 'Missing: TEXT' });
    expect(await cli('search', '--data', dir, '--kind', 'nap,treaty', 'police')).toMatchObject({ code: 2, error: 'Unknown kind “treaty”' });
    const proto = ['__', 'proto', '__'].join('');
    expect(await cli('search', '--data', dir, '--kind', proto, 'police')).toMatchObject({ code: 2, error: `Unknown kind “${proto}”` });
    expect(await cli('search', '--data', dir, '--limit', '0', 'police')).toMatchObject({ code: 2, error: 'Not a number of results: “0”. Use a whole number from 1 to 500.' });
    expect(await cli('search', '--data', dir, '--limit', '1e2', 'police')).toMatchObject({ code: 2 });
    expect(await cli('search', 'police')).toMatchObject({ code: 2, error: 'Missing: --data DIR' });
    expect(await cli('search', '--data', dir, '--bogus', 'police')).toMatchObject({ code: 2 });
  });

  it('marks matches in bold on a terminal and with «» otherwise, escaping the text around and inside them', async () => {
    const { markedSnippet } = await import('../../main/cli/index.js');
    const snippet = { text: 'a \u202epolice\u202c b police', marks: [[2, 10], [13, 19]] as [number, number][], language: null, cutStart: true, cutEnd: false };
    expect(markedSnippet(snippet, false)).toBe('…a «\\u202epolice\\u202c» b «police»');
    expect(markedSnippet(snippet, true)).toBe('…a \x1b[1m\\u202epolice\\u202c\x1b[22m b \x1b[1mpolice\x1b[22m');
    // Marks out of order or outside the text are left out rather than repeating text.
    expect(markedSnippet({ ...snippet, marks: [[13, 19], [2, 10], [30, 40]], cutStart: false, cutEnd: true }, false)).toBe('a \\u202epolice\\u202c b «police»…');
  });

  it('says so in the system language, and runs as `npx fpdesk search`', () => {
    const bin = path.join(ROOT, 'bin', 'fpdesk.mjs');
    const french = spawnSync(process.execPath, [bin, 'search', '--data', work, '--kind', 'traité', 'police'], { encoding: 'utf8', env: { ...process.env, LANG: 'fr_FR.UTF-8', LC_ALL: '' } });
    expect(french.status).toBe(2);
    expect(french.stderr).toMatch(/Type «\s+traité\s+» inconnu/u);
    expect(french.stderr).toContain('search TEXT --data DIR      rechercher des mots');
    const russian = spawnSync(process.execPath, [bin, 'search', '--help'], { encoding: 'utf8', env: { ...process.env, LANG: 'ru_RU.UTF-8', LC_ALL: '' } });
    expect(russian.status).toBe(0);
    expect(russian.stdout).toMatch(/^Использование: fpdesk search TEXT…/);
  }, 60_000);
});

/**
 * The team folder with a real engine: two Syncthing instances on loopback share one folder
 * between two paths, and two data folders keep in step through it. Syncthing writes what it
 * receives as `.syncthing.NAME.tmp` and renames it, at its own pace: every wait here polls a
 * condition, never a fixed sleep. Skipped only where the syncthing binary is absent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core/index.js';
import { TEAM_DIR } from '../../shared/team/format.js';
import { ok } from './support.js';
import { findSyncthing, FOLDER_ID, OFFLINE_OPTIONS, startSyncthing, until, type Cluster } from './syncthing.js';

const binary = findSyncthing();
const SKIPPED = 'skipped: the syncthing binary is not installed (apt-get install syncthing, or set SYNCTHING_PATH)';
if (!binary) console.warn(`team-syncthing: ${SKIPPED}`);

/** Every file under dir (relative paths), skipping Syncthing's own (.stfolder, .syncthing.*.tmp). */
function files(dir: string, pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.existsSync(at) ? fs.readdirSync(at, { withFileTypes: true }) : []) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (pattern.test(entry.name)) found.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return found.sort();
}

describe.skipIf(!binary)(`team folder kept in step by Syncthing${binary ? '' : ` (${SKIPPED})`}`, () => {
  let root: string;
  let cluster: Cluster;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-syncthing-'));
    cluster = await startSyncthing({ count: 2, root });
    await cluster.waitConnected(30_000);
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }, 20_000);

  it('runs with a config from which no packet leaves the machine', async () => {
    for (const instance of cluster.instances) {
      const xml = fs.readFileSync(path.join(instance.home, 'config.xml'), 'utf8');
      for (const [name, value] of Object.entries(OFFLINE_OPTIONS)) expect(xml, name).toContain(`<${name}>${value}</${name}>`);
      expect([...xml.matchAll(/<listenAddress>([^<]*)<\/listenAddress>/g)].map((m) => m[1])).toEqual([`tcp://127.0.0.1:${instance.listenPort}`]);
      expect(/<gui [^>]*>\s*<address>([^<]*)<\/address>/.exec(xml)?.[1]).toBe(`127.0.0.1:${instance.guiPort}`);
      expect(xml).toContain(`<apikey>${instance.apiKey}</apikey>`);
      // Every device's address is an explicit loopback one: never "dynamic" (discovery).
      const addresses = [...xml.replace(/<defaults>[\s\S]*<\/defaults>/, '').matchAll(/<device id="[^"]+"[^>]*>\s*<address>([^<]*)<\/address>/g)].map((m) => m[1]);
      expect(addresses).toHaveLength(cluster.instances.length);
      for (const address of addresses) expect(address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);

      // And the running instance read it so.
      const config = await cluster.rest<{
        options: Record<string, unknown>;
        gui: { address: string };
        devices: { deviceID: string; addresses: string[] }[];
        folders: { id: string; path: string; devices: { deviceID: string }[] }[];
      }>(instance.index, '/rest/config');
      expect(config.options).toMatchObject({
        listenAddresses: [`tcp://127.0.0.1:${instance.listenPort}`],
        globalAnnounceEnabled: false,
        localAnnounceEnabled: false,
        relaysEnabled: false,
        natEnabled: false,
        crashReportingEnabled: false,
        announceLANAddresses: false,
        startBrowser: false,
        urAccepted: -1,
        autoUpgradeIntervalH: 0,
        stunKeepaliveStartS: 0,
      });
      expect(config.gui.address).toBe(`127.0.0.1:${instance.guiPort}`);
      for (const device of config.devices) expect(device.addresses.every((a) => /^tcp:\/\/127\.0\.0\.1:\d+$/.test(a)), device.deviceID).toBe(true);
      expect(config.folders).toEqual([expect.objectContaining({ id: FOLDER_ID, path: instance.folder })]);
      expect(config.folders[0]!.devices.map((d) => d.deviceID).sort()).toEqual(cluster.instances.map((i) => i.deviceId).sort());
      // Conflicting versions are kept as NAME.sync-conflict-… copies, never dropped.
      expect((config.folders[0] as unknown as { maxConflicts: number }).maxConflicts).toBeGreaterThan(0);
      // Nothing to discover with: no announce server is asked.
      const discovery = await cluster.rest<Record<string, unknown>>(instance.index, '/rest/system/discovery');
      expect(Object.keys(discovery).filter((id) => !cluster.instances.some((i) => i.deviceId === id))).toEqual([]);
    }
  });

  it('carries a plain file from one path of the folder to the other, renamed into place', async () => {
    const [a, b] = cluster.instances;
    fs.mkdirSync(path.join(a!.folder, 'plain'), { recursive: true });
    fs.writeFileSync(path.join(a!.folder, 'plain', 'hello.txt'), 'from A');
    const arrived = path.join(b!.folder, 'plain', 'hello.txt');
    await until(() => fs.existsSync(arrived) && fs.readFileSync(arrived, 'utf8') === 'from A', 'hello.txt to arrive in B', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${cluster.logs()}`);
    });
    fs.writeFileSync(path.join(b!.folder, 'plain', 'back.txt'), 'from B');
    const back = path.join(a!.folder, 'plain', 'back.txt');
    await until(() => fs.existsSync(back) && fs.readFileSync(back, 'utf8') === 'from B', 'back.txt to arrive in A', 30_000);
  }, 60_000);

  /** A data folder under root (data-NAME) with a profile, opened as the app opens it. */
  const open = async (name: string, dir = name) => {
    const core = await openCore({ dataDir: path.join(root, `data-${dir}`), host: 'browser', systemLocales: ['en'], log: () => undefined });
    await ok(core, 'profile.set', { name, organisation: `Ministry ${name}`, country: 'SN', role: 'national_focal_point' });
    return core;
  };
  const napTitles = async (core: Core) =>
    (await ok(core, 'records.query', { kind: 'nap' })).records.map((r) => (r.fields.title as { en?: string }).en);

  it('keeps two data folders in step: an edit in A reaches B, an edit in B comes back to A', async () => {
    const [sa, sb] = cluster.instances;
    const a: Core = await open('Amina');
    const b: Core = await open('Boris');
    try {
      await ok(a, 'sync.configure', { folder: sa!.folder });
      await ok(b, 'sync.configure', { folder: sb!.folder });
      const titles = napTitles;
      const fpsync = (dir: string) => files(path.join(dir, TEAM_DIR), /\.fpsync$/);
      /** Waits until every .fpsync file of `from` is in `to` (same bytes), then rounds in `core` until `done`. */
      const arrive = async (from: string, to: string, core: Core, done: () => Promise<boolean>, what: string) => {
        const wanted = fpsync(from);
        expect(wanted.length, `files in ${from}`).toBeGreaterThan(0);
        await until(
          () => wanted.every((f) => fs.existsSync(path.join(to, TEAM_DIR, f)) && fs.readFileSync(path.join(to, TEAM_DIR, f)).equals(fs.readFileSync(path.join(from, TEAM_DIR, f)))),
          `${what}: the team files to be copied by Syncthing`,
          45_000,
          100,
        ).catch((error: Error) => {
          throw new Error(`${error.message}\n${cluster.logs()}`);
        });
        await until(async () => {
          await ok(core, 'sync.now', {});
          return done();
        }, `${what}: a round to bring the change in`, 15_000, 250);
      };

      const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'NAP from A' }, status: 'drafting' } });
      const first = await ok(a, 'sync.now', {});
      expect(first.wrote).toBeGreaterThan(0);
      await arrive(sa!.folder, sb!.folder, b, async () => (await titles(b)).includes('NAP from A'), 'A → B');

      await ok(b, 'records.update', { id: nap.id, fields: { title: { en: 'NAP from A, corrected in B' } } });
      const second = await ok(b, 'sync.now', {});
      expect(second.wrote).toBeGreaterThan(0);
      await arrive(sb!.folder, sa!.folder, a, async () => (await titles(a)).includes('NAP from A, corrected in B'), 'B → A');

      const status = await ok(a, 'sync.status', {});
      expect(status.members.map((m) => m.name).sort()).toEqual(['Amina', 'Boris']);
      // Syncthing's temporary names never reached the app as files of the team.
      expect(status.problems).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  }, 90_000);
  it("loses no edit when a copied data folder writes the same file name on the other side: Syncthing's conflict copy is read", async () => {
    const [sa, sb] = cluster.instances;
    const connected = async (want: boolean) => {
      for (const [i, other] of [[0, sb!], [1, sa!]] as const) {
        await until(async () => {
          const { connections } = await cluster.rest<{ connections: Record<string, { connected: boolean }> }>(i, '/rest/system/connections');
          return (connections[other.deviceId]?.connected === true) === want;
        }, `syncthing ${i} ${want ? 'connected' : 'disconnected'}`, 30_000);
      }
    };
    let original = await open('Chen');
    await ok(original, 'sync.configure', { folder: sa!.folder });
    await ok(original, 'records.create', { kind: 'nap', fields: { title: { en: 'Before the copy' }, status: 'drafting' } });
    await ok(original, 'sync.now', {});
    const replica = (await ok(original, 'sync.status', {})).members.find((m) => m.me)!.replicaId;
    await original.close();
    const mine = (folder: string) => files(path.join(folder, TEAM_DIR, replica), /\.fpsync$/);
    await until(() => mine(sa!.folder).length > 0 && mine(sb!.folder).join() === mine(sa!.folder).join(), 'the first file to reach the other side', 30_000);

    // Someone copies the data folder to another computer; the two sides are offline meanwhile.
    fs.cpSync(path.join(root, 'data-Chen'), path.join(root, 'data-Chen-copy'), { recursive: true });
    await cluster.rest(0, `/rest/system/pause?device=${sb!.deviceId}`, 'POST');
    await cluster.rest(1, `/rest/system/pause?device=${sa!.deviceId}`, 'POST');
    await connected(false);
    original = await open('Chen');
    const copy = await open('Chen', 'Chen-copy');
    const dana = await open('Dana');
    try {
      await ok(copy, 'sync.configure', { folder: sb!.folder });
      await ok(original, 'records.create', { kind: 'nap', fields: { title: { en: 'Edited in the original' }, status: 'drafting' } });
      await ok(copy, 'records.create', { kind: 'nap', fields: { title: { en: 'Edited in the copy' }, status: 'drafting' } });
      await ok(original, 'sync.now', {});
      await ok(copy, 'sync.now', {});
      const clash = mine(sa!.folder).filter((f) => mine(sb!.folder).includes(f) && !fs.readFileSync(path.join(sa!.folder, TEAM_DIR, replica, f)).equals(fs.readFileSync(path.join(sb!.folder, TEAM_DIR, replica, f))));
      expect(clash, 'the same file name written with different contents on each side').not.toEqual([]);

      // Each side has scanned what it wrote before they meet again, as after a real time apart.
      await cluster.scan(0);
      await cluster.scan(1);
      await cluster.rest(0, `/rest/system/resume?device=${sb!.deviceId}`, 'POST');
      await cluster.rest(1, `/rest/system/resume?device=${sa!.deviceId}`, 'POST');
      await connected(true);
      // Syncthing keeps one version under the name and the other as NAME.sync-conflict-DATE-TIME-DEVICE.fpsync, on both sides.
      await until(
        () => mine(sb!.folder).some((f) => f.includes('.sync-conflict-')) && mine(sa!.folder).join() === mine(sb!.folder).join(),
        'the conflict copy on both sides',
        45_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\nA: ${mine(sa!.folder).join(', ')}\nB: ${mine(sb!.folder).join(', ')}\n${cluster.logs()}`);
      });

      await ok(dana, 'sync.configure', { folder: sb!.folder });
      const want = ['Before the copy', 'Edited in the copy', 'Edited in the original'];
      await until(async () => {
        await ok(dana, 'sync.now', {});
        const have = await napTitles(dana);
        return want.every((t) => have.includes(t));
      }, 'both edits to reach a third member', 15_000, 250).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await napTitles(dana))} ${JSON.stringify((await ok(dana, 'sync.status', {})).problems)}`);
      });
      // And the two that share one identity end with everything too: each reads the other's
      // version of the file, whichever Syncthing kept under the name.
      for (const [core, label] of [[original, 'the original'], [copy, 'the copy']] as const) {
        await until(async () => {
          await ok(core, 'sync.now', {});
          const have = await napTitles(core);
          return want.every((t) => have.includes(t));
        }, `both edits in ${label}`, 15_000, 250).catch(async (error: Error) => {
          throw new Error(`${error.message}: ${JSON.stringify(await napTitles(core))} ${JSON.stringify((await ok(core, 'sync.status', {})).problems)}`);
        });
      }
    } finally {
      await original.close();
      await copy.close();
      await dana.close();
    }
  }, 120_000);
});

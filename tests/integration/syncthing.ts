/**
 * Syncthing as the team's own engine in tests: N instances on loopback, each with its own home,
 * sharing one folder (each instance its own path). Nothing leaves the machine: the config that
 * `syncthing generate` writes is edited BEFORE the first `syncthing serve`, so that no discovery,
 * relay, NAT, STUN, usage report, crash report or upgrade check ever starts; peers are reached
 * only at tcp://127.0.0.1:PORT, given explicitly. See TOOLCHAIN.md "Team folder sync".
 *
 *   const cluster = await startSyncthing({ count: 2, root });
 *   cluster.instances[0].folder  // the shared folder's path for the first instance
 *   await cluster.waitConnected();
 *   await cluster.stop();
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const SYNCTHING = process.env.SYNCTHING_PATH ?? '/usr/bin/syncthing';

/** The binary, or null when it is not installed (the tests that need it are skipped). */
export function findSyncthing(): string | null {
  const candidates = [SYNCTHING, ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'syncthing'))];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}

/** The one folder id every instance shares. */
export const FOLDER_ID = 'fpd-team';

/** A port the OS says is free on loopback now (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The environment every syncthing process runs with: no upgrades, no restarts, no default folder. */
function environment(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    STNOUPGRADE: '1',
    STNORESTART: '1',
    STNODEFAULTFOLDER: '1',
    // No proxy: the only peers are on loopback.
    all_proxy: '',
    ALL_PROXY: '',
  };
}

export interface SyncthingInstance {
  index: number;
  home: string;
  /** This instance's path of the shared folder. */
  folder: string;
  deviceId: string;
  listenPort: number;
  guiPort: number;
  apiKey: string;
  process?: ChildProcess;
  log: string;
}

export interface Cluster {
  instances: SyncthingInstance[];
  /** GET on an instance's REST API (JSON); POST with `method`. */
  rest<T = unknown>(index: number, route: string, method?: 'GET' | 'POST'): Promise<T>;
  /** Makes an instance scan the shared folder now, and waits until it has. */
  scan(index: number): Promise<void>;
  /** Waits until every instance sees every other as connected. */
  waitConnected(timeoutMs?: number): Promise<void>;
  /** What each instance logged, for a failing test's message. */
  logs(): string;
  /** Stops every instance by its PID (SIGTERM, then SIGKILL to its process group). */
  stop(): Promise<void>;
}

/** An error `until` does not wait out (a process that exited will not answer later). */
export class Fatal extends Error {}

/** Waits until `condition` answers true (polled), or throws with `what` after timeoutMs. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch (error) {
      if (error instanceof Fatal) throw error;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Sets <name>value</name> inside <options>; the element must be there (generate writes them all). */
function setOption(xml: string, name: string, value: string | number | boolean): string {
  const pattern = new RegExp(`<${name}>[^<]*</${name}>`);
  if (!pattern.test(xml)) throw new Error(`config.xml has no <${name}>`);
  return xml.replace(pattern, `<${name}>${escapeXml(String(value))}</${name}>`);
}

/** Every option that keeps each packet on this machine, as written in config.xml. */
export const OFFLINE_OPTIONS: Readonly<Record<string, string | number | boolean>> = {
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
  // Never looked up with the options above off; emptied all the same.
  globalAnnounceServer: '',
  stunServer: '',
  releasesURL: '',
  urURL: '',
  crashReportingURL: '',
};

/**
 * config.xml for one instance, edited from what `syncthing generate` wrote: offline options,
 * loopback listen and GUI addresses, the API key, every peer with its explicit loopback address,
 * and the shared folder with a short rescan interval.
 */
export function offlineConfig(generated: string, self: SyncthingInstance, peers: readonly SyncthingInstance[]): string {
  let xml = generated;
  for (const [name, value] of Object.entries(OFFLINE_OPTIONS)) xml = setOption(xml, name, value);
  xml = setOption(xml, 'listenAddress', `tcp://127.0.0.1:${self.listenPort}`);
  // Reconnect quickly: the peer may not listen yet when this instance first dials.
  xml = setOption(xml, 'reconnectionIntervalS', 1);
  xml = setOption(xml, 'progressUpdateIntervalS', 1);
  xml = xml.replace(/<gui ([^>]*)>[\s\S]*?<\/gui>/, (_m, attributes: string) =>
    `<gui ${attributes.replace(/tls="[^"]*"/, 'tls="false"')}>\n        <address>127.0.0.1:${self.guiPort}</address>\n        <apikey>${escapeXml(self.apiKey)}</apikey>\n        <theme>default</theme>\n    </gui>`);
  // This instance's own device: reachable at its loopback address only.
  xml = xml.replace(new RegExp(`(<device id="${self.deviceId}"[^>]*>\\s*)<address>[^<]*</address>`), `$1<address>tcp://127.0.0.1:${self.listenPort}</address>`);
  const device = (d: SyncthingInstance) =>
    `    <device id="${d.deviceId}" name="instance-${d.index}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">\n` +
    `        <address>tcp://127.0.0.1:${d.listenPort}</address>\n        <paused>false</paused>\n        <autoAcceptFolders>false</autoAcceptFolders>\n    </device>\n`;
  // The shared folder, made from the folder defaults that `generate` wrote, so that every setting
  // left out keeps Syncthing's default: an element written by hand without <maxConflicts> means 0,
  // and Syncthing then drops the losing side of a conflict instead of keeping a conflict copy.
  const template = /<defaults>\s*(<folder [\s\S]*?<\/folder>)/.exec(xml)?.[1];
  if (!template) throw new Error('config.xml has no folder defaults');
  const set = (text: string, name: string, value: string | number) => {
    const pattern = new RegExp(`<${name}>[^<]*</${name}>`);
    if (!pattern.test(text)) throw new Error(`the folder defaults have no <${name}>`);
    return text.replace(pattern, `<${name}>${value}</${name}>`);
  };
  let folder = template
    .replace(/^<folder [^>]*>/, `<folder id="${FOLDER_ID}" label="team" path="${escapeXml(self.folder)}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">`)
    .replace(/<device id="[^"]*"[^>]*>[\s\S]*?<\/device>/, [self, ...peers].map((d) => `<device id="${d.deviceId}" introducedBy=""></device>`).join('\n            '));
  // A pull that failed (a file changed locally but not rescanned yet) is tried again after
  // pullerPauseS, 60 s when 0: 1 s here.
  folder = set(folder, 'pullerPauseS', 1);
  if (!/<maxConflicts>[1-9]/.test(folder)) folder = set(folder, 'maxConflicts', 10);
  folder = `    ${folder}\n`;
  // Top-level elements, before <gui> (Syncthing reads them in any order).
  xml = xml.replace(/(\n\s*<gui )/, `\n${folder}${peers.map(device).join('')}$1`.replace(/\n\n/, '\n'));
  return xml;
}

/** The device id of a generated home (`syncthing serve --device-id` in 1.19; generate prints it too). */
function deviceIdOf(binary: string, home: string): string {
  const result = spawnSync(binary, ['serve', '--device-id', `--home=${home}`], { encoding: 'utf8', env: environment(home), timeout: 30_000 });
  const id = /[A-Z2-7]{7}(?:-[A-Z2-7]{7}){7}/.exec(result.stdout)?.[0];
  if (!id) throw new Error(`syncthing --device-id gave no id: ${result.stdout} ${result.stderr}`);
  return id;
}

/**
 * Starts `count` instances under `root` (homes in root/st-N/home, folders in root/st-N/folder),
 * all sharing FOLDER_ID with each other, and waits until each answers its REST ping.
 */
export async function startSyncthing(options: { count: number; root: string; binary?: string }): Promise<Cluster> {
  const binary = options.binary ?? findSyncthing();
  if (!binary) throw new Error('syncthing is not installed');
  const instances: SyncthingInstance[] = [];
  for (let index = 0; index < options.count; index++) {
    const base = path.join(options.root, `st-${index}`);
    const home = path.join(base, 'home');
    const folder = path.join(base, 'folder');
    fs.mkdirSync(home, { recursive: true });
    // The folder and its marker, so Syncthing takes the folder as it is and never calls it missing.
    fs.mkdirSync(path.join(folder, '.stfolder'), { recursive: true });
    const generated = spawnSync(binary, ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], { encoding: 'utf8', env: environment(home), timeout: 60_000 });
    if (generated.status !== 0) throw new Error(`syncthing generate failed: ${generated.stdout} ${generated.stderr}`);
    instances.push({
      index,
      home,
      folder,
      deviceId: deviceIdOf(binary, home),
      listenPort: await freePort(),
      guiPort: await freePort(),
      apiKey: crypto.randomBytes(24).toString('base64url'),
      log: path.join(base, 'syncthing.log'),
    });
  }
  for (const self of instances) {
    const file = path.join(self.home, 'config.xml');
    fs.writeFileSync(file, offlineConfig(fs.readFileSync(file, 'utf8'), self, instances.filter((i) => i !== self)));
  }

  const rest = async <T>(index: number, route: string, method: 'GET' | 'POST' = 'GET'): Promise<T> => {
    const instance = instances[index]!;
    const response = await fetch(`http://127.0.0.1:${instance.guiPort}${route}`, { method, headers: { 'X-API-Key': instance.apiKey } });
    if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  };
  const logs = () => instances.map((i) => `--- syncthing ${i.index} ---\n${fs.existsSync(i.log) ? fs.readFileSync(i.log, 'utf8').slice(-4000) : ''}`).join('\n');
  const exited = (p: ChildProcess | undefined) => !p || p.exitCode !== null || p.signalCode !== null;
  const stop = async () => {
    for (const instance of instances) {
      const p = instance.process;
      if (!p?.pid || exited(p)) continue;
      p.kill('SIGTERM');
    }
    for (const instance of instances) {
      const p = instance.process;
      if (!p?.pid) continue;
      await until(() => exited(p), `syncthing ${instance.index} to stop`, 10_000, 50).catch(() => undefined);
      // Then whatever is left of its process group (it was started detached, as the group's
      // leader): a child that outlived it, or the instance itself when it did not stop in time.
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        // the group is gone
      }
    }
  };

  try {
    for (const instance of instances) {
      const out = fs.openSync(instance.log, 'a');
      instance.process = spawn(binary, ['serve', `--home=${instance.home}`, '--no-browser', '--no-restart', '--no-upgrade'], {
        env: environment(instance.home),
        stdio: ['ignore', out, out],
        detached: true,
      });
      fs.closeSync(out);
    }
    for (const instance of instances) {
      await until(async () => {
        if (exited(instance.process)) throw new Fatal(`syncthing ${instance.index} exited:\n${logs()}`);
        const pong = await rest<{ ping?: string }>(instance.index, '/rest/system/ping');
        return pong.ping === 'pong';
      }, `syncthing ${instance.index} to answer /rest/system/ping`, 30_000);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    instances,
    rest,
    logs,
    stop,
    async scan(index: number) {
      // Answers once the scan is done.
      await rest(index, `/rest/db/scan?folder=${FOLDER_ID}`, 'POST');
    },
    async waitConnected(timeoutMs = 30_000) {
      for (const instance of instances) {
        await until(async () => {
          const { connections } = await rest<{ connections: Record<string, { connected: boolean }> }>(instance.index, '/rest/system/connections');
          return instances.every((other) => other === instance || connections[other.deviceId]?.connected === true);
        }, `syncthing ${instance.index} to connect to its peers`, timeoutMs);
      }
    },
  };
}

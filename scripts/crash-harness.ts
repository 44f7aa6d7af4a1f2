import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { RecordStore } from '../main/core/store/records-store.js';
import { viewRecord } from '../shared/records/codec.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Bundles a writer into one file inside the project (so its packages resolve), once. */
export async function buildWriter(name = 'crash-writer'): Promise<string> {
  const out = path.join(ROOT, 'test-output', `${name}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, `tests/fixtures/${name}.ts`)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  return out;
}

export interface CrashRound {
  acked: number;
  records: number;
}

/**
 * One round: start the writer, let it write for a random time, SIGKILL it, then open the store
 * and check that it is valid and holds every acknowledged write (the phone number of a contact
 * only grows, so "at least the acknowledged value" proves the write survived).
 */
export async function crashRound(writer: string, dataDir: string, seed: number, killAfterMs: number): Promise<CrashRound> {
  const acked = new Map<string, number>();
  await runUntilKilled(writer, dataDir, seed, killAfterMs, (line) => {
    const match = /^ack (\S+) (\d+)$/.exec(line);
    if (match) acked.set(match[1]!, Math.max(acked.get(match[1]!) ?? 0, Number(match[2])));
  });
  const store = await RecordStore.open(dataDir);
  if (store.notices.length > 0) throw new Error(`store damaged after a kill: ${JSON.stringify(store.notices)}`);
  for (const [id, value] of acked) {
    const record = store.get(id);
    if (!record) throw new Error(`acknowledged record ${id} is missing`);
    const phone = Number(viewRecord(record).fields.phone);
    if (!(phone >= value)) throw new Error(`record ${id} holds ${phone}, but ${value} was acknowledged`);
  }
  for (const entry of fs.readdirSync(path.join(dataDir, 'records'))) {
    if (entry.endsWith('.tmp')) fs.rmSync(path.join(dataDir, 'records', entry));
  }
  return { acked: acked.size, records: store.records.size };
}

export interface CrashImportRound {
  /** Imports acknowledged before the kill. */
  acked: number;
  /** Imports the kill cut: begun, not acknowledged. */
  cut: number;
}

/**
 * One round of the import writer: after the kill, every import begun is either wholly there —
 * its records, its log entry and what it changed (for undo) — or wholly absent; never records
 * without their log entry (which would make "undo last import" undo the one before).
 */
export async function crashImportRound(writer: string, dataDir: string, seed: number, killAfterMs: number): Promise<CrashImportRound> {
  const begun = new Map<string, string>();
  const acked = new Set<string>();
  await runUntilKilled(writer, dataDir, seed, killAfterMs, (line) => {
    const started = /^bundle (\S+) (\S+)$/.exec(line);
    if (started) begun.set(started[1]!, started[2]!);
    const done = /^ack (\S+)$/.exec(line);
    if (done) acked.add(done[1]!);
  });
  const store = await RecordStore.open(dataDir);
  if (store.notices.length > 0) throw new Error(`store damaged after a kill: ${JSON.stringify(store.notices)}`);
  const logFile = path.join(dataDir, 'imports.json');
  const log = fs.existsSync(logFile) ? (JSON.parse(fs.readFileSync(logFile, 'utf8')) as { entries: { id?: string; bundleId: string }[] }) : { entries: [] };
  for (const [bundleId, firstRecord] of begun) {
    const entry = log.entries.find((e) => e.bundleId === bundleId);
    const present = store.get(firstRecord) !== undefined;
    if (present !== Boolean(entry)) {
      throw new Error(`import ${bundleId}: records ${present ? 'present' : 'absent'} but log entry ${entry ? 'present' : 'absent'}`);
    }
    if (entry && !fs.existsSync(path.join(dataDir, 'imports', `${entry.id}.json`))) throw new Error(`import ${bundleId}: logged without its changes`);
    if (acked.has(bundleId) && !entry) throw new Error(`acknowledged import ${bundleId} is missing`);
  }
  return { acked: acked.size, cut: [...begun.keys()].filter((id) => !acked.has(id)).length };
}

/** Starts a writer, SIGKILLs it `killAfterMs` after it says "ready", handing each line it printed to `onLine`. */
async function runUntilKilled(writer: string, dataDir: string, seed: number, killAfterMs: number, onLine: (line: string) => void): Promise<void> {
  const child = spawn(process.execPath, [writer, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffer = '';
  let ready = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        if (line === 'ready' && !ready) {
          ready = true;
          timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, killAfterMs);
        }
        onLine(line);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited by itself (${code ?? signal})`));
    });
  });
  await exited;
}

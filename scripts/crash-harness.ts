import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { RecordStore } from '../main/core/store/records-store.js';
import { viewRecord } from '../shared/records/codec.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Bundles the writer into one file inside the project (so its packages resolve), once. */
export async function buildWriter(): Promise<string> {
  const out = path.join(ROOT, 'test-output', 'crash-writer.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'tests/fixtures/crash-writer.ts')],
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
  const child = spawn(process.execPath, [writer, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acked = new Map<string, number>();
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
        const match = /^ack (\S+) (\d+)$/.exec(line);
        if (match) acked.set(match[1]!, Math.max(acked.get(match[1]!) ?? 0, Number(match[2])));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited by itself (${code ?? signal})`));
    });
  });
  await exited;
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

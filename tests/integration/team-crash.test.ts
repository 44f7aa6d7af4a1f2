/**
 * Kills in the middle of a round: a writer process (tests/fixtures/crash-team-writer.ts) creates
 * records and publishes them to the team folder while a reader in this process runs rounds on
 * the same folder; the writer is SIGKILLed at random moments and restarted on its data.
 * - no half-written file is ever seen under a team file's name (the reader never refuses one);
 * - every record the writer said it had published reaches the reader;
 * - a restarted writer goes on without error and never writes over a file it wrote before.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWriter } from '../../scripts/crash-harness.js';
import { CHEN, Lab, memberDir, round, teamFiles, untilQuiet } from './team-support.js';
import type { SyncRound, TeamProblem } from '../../shared/team/format.js';

/** Each restart costs a core's start (a second or more on a loaded machine): few kills, each at a random moment. */
const KILLS = 5;

interface Run {
  published: string[];
  lines: number;
}

/** Starts the writer, SIGKILLs it `killAfterMs` after it is ready; meanwhile `during` runs. Fails if it exits by itself. */
async function runUntilKilled(writer: string, args: string[], killAfterMs: number, during: () => Promise<void>): Promise<Run> {
  const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = { published: [], lines: 0 };
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let killed = false;
  const exited = new Promise<void>((resolve, reject) =>
    child.once('exit', (code, signal) => (signal === 'SIGKILL' && killed ? resolve() : reject(new Error(`writer exited by itself (${code ?? signal}): ${stderr}`)))),
  );
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        if (line === 'ready') resolve();
        const match = /^published (\d+) (\d+) (.*)$/.exec(line);
        if (match) {
          run.lines++;
          run.published.push(...match[3]!.split(' '));
        }
      }
    });
  });
  const kill = () => {
    killed = true;
    child.kill('SIGKILL');
  };
  try {
    await Promise.race([ready, exited]);
    let stopping = false;
    const stop = new Promise<void>((resolve) =>
      setTimeout(() => {
        stopping = true;
        kill();
        resolve();
      }, killAfterMs),
    );
    // The reader works while the writer writes, so that it may meet a file at any moment of its writing.
    while (!stopping) await during();
    await stop;
    await exited;
  } catch (error) {
    if (!killed) kill();
    throw error;
  }
  return run;
}

describe('team folder crash safety', () => {
  const lab = new Lab();
  let writer: string;
  beforeAll(async () => {
    writer = await buildWriter('crash-team-writer');
  });
  afterAll(() => lab.dispose());

  it(`never shows a half-written file, loses no published record and rewrites no file through ${KILLS} SIGKILLs`, async () => {
    const folder = lab.tempDir('fpd-team-crash-folder-');
    const dataDir = lab.tempDir('fpd-team-crash-writer-');
    const reader = await lab.joined(CHEN, folder);
    let seed = 20261202;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);

    const problems: TeamProblem[] = [];
    const rounds: SyncRound[] = [];
    const readerRound = async () => {
      const r = await round(reader);
      rounds.push(r);
      problems.push(...r.status.problems);
    };
    /** Every file of the writer ever seen, by name: the SHA-256 of its bytes. */
    const seen = new Map<string, string>();
    let writerReplica: string | undefined;
    const checkFiles = () => {
      const root = path.join(folder, 'Focal Point Desk team');
      if (!writerReplica && fs.existsSync(root)) writerReplica = fs.readdirSync(root).find((name) => name !== reader.settings.all().replicaId);
      if (!writerReplica) return;
      for (const name of teamFiles(folder, writerReplica)) {
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(path.join(memberDir(folder, writerReplica), name));
        } catch {
          continue; // replaced by a compact file meanwhile
        }
        const hash = crypto.createHash('sha256').update(bytes).digest('hex');
        expect(seen.get(name) ?? hash, `${name} was written again`).toBe(hash);
        seen.set(name, hash);
      }
    };

    const published: string[] = [];
    let lines = 0;
    // At least KILLS kills, and on until compaction has run under them (a loaded machine writes
    // fewer rounds per run), up to twice as many.
    const compacted = () => writerReplica !== undefined && seen.size > teamFiles(folder, writerReplica).length;
    for (let kill = 0; kill < KILLS || (!compacted() && kill < 2 * KILLS); kill++) {
      const run = await runUntilKilled(writer, [dataDir, folder, String(next()), '2'], 150 + (next() % 750), async () => {
        await readerRound();
        checkFiles();
      });
      published.push(...run.published);
      lines += run.lines;
      checkFiles();
      await readerRound();
      expect(problems.filter((p) => p.code === 'file_refused'), JSON.stringify(problems)).toEqual([]);
    }
    await untilQuiet([reader]);
    checkFiles();

    // The writer did publish, and the reader did read.
    expect(lines).toBeGreaterThan(KILLS / 2);
    expect(rounds.some((r) => r.changed > 0)).toBe(true);
    expect(problems).toEqual([]);
    const missing = published.filter((id) => !reader.workspace!.store.get(id));
    expect(missing).toEqual([]);
    // Compaction ran (files replaced), and what remains still carries every record.
    expect(compacted()).toBe(true);
  }, 60_000);
});

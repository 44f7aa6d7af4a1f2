import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWriter, crashImportRound, crashRound } from '../../scripts/crash-harness.js';

/** Kills in all; a longer soak: `npm run soak -- 2000`. */
const ROUNDS = 200;
/** Two workspaces killed side by side (two cores): the same number of kills in half the time. */
const LANES = 2;
/** Kills of a process importing bundles one after another. */
const IMPORT_ROUNDS = 16;

describe('crash safety', () => {
  let writer: string;
  const dirs = Array.from({ length: LANES }, () => fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-crash-')));
  beforeAll(async () => {
    writer = await buildWriter();
  });
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })), 60_000);

  it(`keeps every acknowledged write through ${ROUNDS} SIGKILLs at random moments`, async () => {
    const lanes = dirs.map(async (dataDir, lane) => {
      let seed = 20261122 + lane;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
      let acked = 0;
      let records = 0;
      for (let round = 0; round < ROUNDS / LANES; round++) {
        const result = await crashRound(writer, dataDir, next(), next() % 60);
        acked += result.acked;
        records = result.records;
      }
      return { acked, records };
    });
    for (const { acked, records } of await Promise.all(lanes)) {
      // The writer did write: the checks ran against real acknowledged data. How much it wrote
      // before each kill depends on the machine's speed and load (about 1.3 writes a round idle,
      // 0.8 seen on a loaded one), so the floor only rules out a writer that never wrote.
      expect(acked).toBeGreaterThan(ROUNDS / LANES / 10);
      expect(records).toBeGreaterThan(10);
    }
  }, 300_000);

  it('never leaves an import in the records without its log entry (or the reverse), through SIGKILLs mid-import', async () => {
    const importWriter = await buildWriter('crash-import-writer');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-crash-import-'));
    dirs.push(dataDir);
    let seed = 20261201;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    let acked = 0;
    let cut = 0;
    for (let round = 0; round < IMPORT_ROUNDS; round++) {
      const result = await crashImportRound(importWriter, dataDir, round * 1000, next() % 2500);
      acked += result.acked;
      cut += result.cut;
    }
    // Imports did complete, and kills did land in the middle of them (an import is mostly fsyncs).
    expect(acked).toBeGreaterThan(0);
    expect(cut).toBeGreaterThan(IMPORT_ROUNDS / 2);
  }, 300_000);
});

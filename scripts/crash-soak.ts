/**
 * The long crash soak: `npm run soak -- [rounds]` (default 2000). Each round starts a writer,
 * SIGKILLs it at a random moment, and checks the store holds every acknowledged write.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWriter, crashRound } from './crash-harness.js';

const rounds = Number(process.argv[2] ?? 2000);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npm run soak -- [rounds]   (a whole number, default 2000)');
  process.exit(2);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-soak-'));
const writer = await buildWriter();
let seed = Date.now() % 2147483648;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
const started = Date.now();
let acked = 0;
try {
  for (let round = 1; round <= rounds; round++) {
    const result = await crashRound(writer, dataDir, next(), next() % 200);
    acked += result.acked;
    if (round % 100 === 0) console.log(`${round}/${rounds} kills, ${acked} acknowledged writes checked, ${result.records} records`);
  }
  console.log(`soak passed: ${rounds} kills in ${((Date.now() - started) / 1000).toFixed(0)} s, every acknowledged write kept`);
  fs.rmSync(dataDir, { recursive: true, force: true });
} catch (error) {
  console.error(`soak FAILED: ${(error as Error).message}\nthe data folder is kept for inspection: ${dataDir}`);
  process.exit(1);
}

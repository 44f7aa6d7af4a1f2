/**
 * How long the duplicate-key scan of a bundle takes (main/core/bundles/json-keys.ts), next to
 * JSON.parse of the same text: a generated bundle of 100,000 meetings and action points (~110 MB).
 * Run: NODE_OPTIONS=--max-old-space-size=4096 npx tsx scripts/bench-json-keys.ts
 */
import { encodeBundle } from '../main/core/bundles/codec.js';
import { scanJsonKeys } from '../main/core/bundles/json-keys.js';
import { mergeAsFor, toSyncChanges } from '../shared/records/codec.js';
import { HybridClock } from '../shared/sync/clock.js';
import { createRecord, type Writer } from '../shared/sync/record.js';
let counter = 0;
const writer: Writer = { replica: '0123456789abcdef', clock: new HybridClock(() => 1_700_000_000_000), nextCounter: () => ++counter, author: 'Tester' };
const hexId = (n: number) => `01890a5d-ac96-7${(n % 4096).toString(16).padStart(3, '0')}-8cce-${n.toString(16).padStart(12, '0')}`;
const records = [];
for (let i = 0; i < 100_000; i++) {
  const kind = i % 2 ? 'meeting' : 'action';
  const fields = kind === 'meeting'
    ? { title: { en: `Network meeting ${i} "quoted" \\ path`, fr: `Réunion du réseau ${i}` }, notes: { en: 'Notes with some text. '.repeat(20) }, type: 'other', online: true }
    : { title: { en: `Action point ${i}`, ar: 'نقطة عمل' }, details: { en: 'Details. '.repeat(30) }, status: 'open', priority: 'high' };
  records.push(createRecord(hexId(i), kind, writer, toSyncChanges(kind as never, fields), mergeAsFor(kind as never)));
}
const text = encodeBundle({ head: { bundleId: '01890a5d-ac96-774b-bcce-b302099a8057', creator: { replicaId: '0123456789abcdef', name: 'A', organisation: 'B' }, createdAt: '2026-11-22T10:00:00.000Z', appVersion: '0.1.0', scope: { type: 'all' }, note: '' }, records });
console.log(`bundle: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB, ${records.length} records`);
/** CPU time of one call, in ms (wall time on a shared machine says more about the neighbours). */
const cpu = (run: () => unknown) => {
  const start = process.cpuUsage();
  const t = performance.now();
  run();
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - t };
};
const best = (run: () => unknown) => {
  const runs = Array.from({ length: 5 }, () => cpu(run));
  return `${Math.min(...runs.map((r) => r.cpu)).toFixed(0)} ms CPU (wall ${Math.min(...runs.map((r) => r.wall)).toFixed(0)} ms)`;
};
console.log(`duplicate-key scan: ${best(() => scanJsonKeys(text, 'records'))}`);
console.log(`JSON.parse, for scale: ${best(() => JSON.parse(text))}`);

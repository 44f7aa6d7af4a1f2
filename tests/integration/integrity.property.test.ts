/**
 * Property tests of the sync layer's promises at the level of whole workspaces on disk, over
 * random histories on 2–3 installations mixing edits, bundle exchange, backups and restores,
 * undone imports, restarts, and forged bundles (counters at the bound, times in the far future):
 *
 * - a dot is never reused: the same (replica, counter) always carries the same field and value,
 *   in every workspace, whatever was restored or undone before a restart;
 * - every bundle an installation exports imports everywhere, itself included, whatever it
 *   accepted before (no input can make its own exports unimportable);
 * - no local edit is dated further ahead of the wall clock than a clock may follow.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleService } from '../../main/core/bundles/exchange.js';
import { decodeBundle, encodeBundle } from '../../main/core/bundles/codec.js';
import { newReplicaId, Workspace } from '../../main/core/workspace.js';
import { dotKey, MAX_CLOCK_AHEAD_MS, MAX_INCOMING_COUNTER } from '../../shared/sync/clock.js';
import type { SyncRecord } from '../../shared/sync/record.js';

const RUNS = 15;
const roots: string[] = [];
afterAll(() => roots.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })), 60_000);

interface Installation {
  dir: string;
  replica: string;
  workspace: Workspace;
  bundles: BundleService;
  backups: string[];
}

async function openInstallation(dir: string, replica: string): Promise<Installation> {
  fs.mkdirSync(dir, { recursive: true });
  const node: Partial<Installation> = { dir, replica, backups: [] };
  node.workspace = await Workspace.open({
    dataDir: dir,
    replica,
    author: () => 'Tester',
    onReplicaChange: (next) => {
      node.replica = next;
    },
  });
  node.bundles = new BundleService(node.workspace, {
    dataDir: dir,
    appVersion: 'test',
    creator: () => ({ replicaId: node.replica!, name: 'Tester', organisation: '' }),
  });
  return node as Installation;
}

type Step =
  | { t: 'edit'; r: number; pick: number; value: number }
  | { t: 'send'; from: number; to: number }
  | { t: 'backup'; r: number }
  | { t: 'restore'; r: number; pick: number }
  | { t: 'undo'; r: number }
  | { t: 'restart'; r: number }
  | { t: 'forge'; from: number; to: number; how: 'edge' | 'past' | 'future' }
  /** The story that reused dots: a backup, edits sent to someone, the backup restored, a restart. */
  | { t: 'rewind'; r: number; to: number; undo: boolean };

const stepArb = (n: number): fc.Arbitrary<Step> => {
  const r = fc.nat({ max: n - 1 });
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ t: fc.constant('edit' as const), r, pick: fc.nat({ max: 4 }), value: fc.nat({ max: 99 }) }) },
    { weight: 4, arbitrary: fc.record({ t: fc.constant('send' as const), from: r, to: r }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('backup' as const), r }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('restore' as const), r, pick: fc.nat({ max: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('undo' as const), r }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('restart' as const), r }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('rewind' as const), r, to: r, undo: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('forge' as const), from: r, to: r, how: fc.constantFrom('edge' as const, 'past' as const, 'future' as const) }) },
  );
};

async function exportAll(node: Installation): Promise<string> {
  return (await node.bundles.export({ scope: { type: 'all' } })).content;
}

/** Imports a bundle; false when it is refused (which must leave the store as it was). */
async function importInto(node: Installation, content: string): Promise<boolean> {
  let preview;
  try {
    preview = await node.bundles.preview(Buffer.from(content));
  } catch {
    return false;
  }
  await node.bundles.apply(preview.previewId);
  return true;
}

describe('workspaces on disk, random histories (property)', () => {
  it('never reuse a dot, always export importable bundles, and never date an edit in the far future', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(stepArb(n), { minLength: 4, maxLength: 14 }))), async ([n, steps]) => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-integrity-prop-'));
        roots.push(root);
        const nodes: Installation[] = [];
        for (let i = 0; i < n; i++) nodes.push(await openInstallation(path.join(root, `n${i}`), newReplicaId()));
        const contacts: string[][] = nodes.map(() => []);
        /** Every dot ever seen anywhere, with what it carried. */
        const seen = new Map<string, string>();
        const checkDots = () => {
          for (const node of nodes) {
            for (const record of node.workspace.store.records.values()) {
              for (const [key, versions] of [...Object.entries(record.fields), ...Object.entries(record.history)]) {
                for (const v of versions) {
                  const content = `${record.id}/${key}/${JSON.stringify(v.value)}`;
                  const known = seen.get(dotKey(v.dot));
                  if (known !== undefined) expect(known, `dot ${dotKey(v.dot)} reused`).toBe(content);
                  else seen.set(dotKey(v.dot), content);
                }
              }
            }
          }
        };
        const edit = async (r: number, pick: number, value: number) => {
          const node = nodes[r]!;
          const known = [...node.workspace.views('contact')].map((v) => v.id);
          const id = known[pick];
          const phone = String(value);
          const view = id
            ? await node.workspace.update({ id, fields: { phone } })
            : await node.workspace.create({ kind: 'contact', fields: { name: `Contact ${r}.${contacts[r]!.length}`, phone } });
          if (!id) contacts[r]!.push(view.id);
          return view;
        };
        const restart = async (r: number) => {
          const node = nodes[r]!;
          await node.workspace.close();
          const reopened = await openInstallation(node.dir, node.replica);
          reopened.backups = node.backups;
          nodes[r] = reopened;
        };
        try {
          for (const step of steps) {
            if (step.t === 'rewind') {
              const node = nodes[step.r]!;
              const other = nodes[step.to === step.r ? (step.r + 1) % n : step.to]!;
              if (step.undo) {
                // An import to undo later: the other side's work comes in, then local edits.
                await edit(step.to === step.r ? (step.r + 1) % n : step.to, 0, 1);
                await importInto(node, await exportAll(other));
              } else {
                node.backups.push((await node.workspace.backup('manual')).id);
              }
              await edit(step.r, 0, 2);
              await edit(step.r, 9, 3);
              await importInto(other, await exportAll(node));
              if (step.undo) await node.bundles.undoLast().catch((error: { code?: string }) => expect(error.code).toBe('not_found'));
              else await node.workspace.restoreBackup(node.backups.at(-1)!);
              await restart(step.r);
              await edit(step.r, 0, 4);
              await edit(step.r, 9, 5);
              await importInto(other, await exportAll(nodes[step.r]!));
            } else if (step.t === 'edit') {
              const node = nodes[step.r]!;
              const view = await edit(step.r, step.pick, step.value);
              const record = node.workspace.store.get(view.id)!;
              for (const versions of Object.values(record.fields)) {
                for (const v of versions) if (v.dot.r === node.replica) expect(v.hlc.t).toBeLessThanOrEqual(Date.now() + MAX_CLOCK_AHEAD_MS);
              }
            } else if (step.t === 'send') {
              const content = await exportAll(nodes[step.from]!);
              // Own exports import everywhere, including back into the sender.
              expect(() => decodeBundle(Buffer.from(content))).not.toThrow();
              expect(await importInto(nodes[step.to]!, content)).toBe(true);
            } else if (step.t === 'backup') {
              const node = nodes[step.r]!;
              node.backups.push((await node.workspace.backup('manual')).id);
            } else if (step.t === 'restore') {
              const node = nodes[step.r]!;
              const id = node.backups[step.pick % Math.max(1, node.backups.length)];
              if (id) await node.workspace.restoreBackup(id);
            } else if (step.t === 'undo') {
              await nodes[step.r]!.bundles.undoLast().catch((error: { code?: string }) => expect(error.code).toBe('not_found'));
            } else if (step.t === 'restart') {
              await restart(step.r);
            } else {
              const from = nodes[step.from]!;
              const to = nodes[step.to]!;
              const decoded = decodeBundle(Buffer.from(await exportAll(from)));
              const records: SyncRecord[] = decoded.records;
              if (records.length === 0) continue;
              const target = records[0]!;
              if (step.how === 'future') {
                for (const versions of Object.values(target.fields)) for (const v of versions) v.hlc = { t: 8_640_000_000_000_000, l: 0 };
              } else {
                target.vv[to.replica] = step.how === 'edge' ? MAX_INCOMING_COUNTER : MAX_INCOMING_COUNTER + 1;
              }
              const forged = encodeBundle({
                head: { ...decoded.head, bundleId: uuidv7() },
                records,
              });
              const before = [...to.workspace.store.records.values()].map((r) => JSON.stringify(r)).join();
              const accepted = await importInto(to, forged);
              expect(accepted).toBe(step.how !== 'past');
              if (!accepted) expect([...to.workspace.store.records.values()].map((r) => JSON.stringify(r)).join()).toBe(before);
            }
            checkDots();
          }
          // At the end, everyone's export still imports into everyone.
          for (const from of nodes) {
            const content = await exportAll(from);
            for (const to of nodes) expect(await importInto(to, content)).toBe(true);
          }
          checkDots();
        } finally {
          for (const node of nodes) await node.workspace.close().catch(() => undefined);
        }
      }),
      { numRuns: RUNS, seed: 20261201 },
    );
  }, 300_000);
});

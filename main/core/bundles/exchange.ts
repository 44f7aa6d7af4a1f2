import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { storageProblem } from '../store/durable.js';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import {
  ImportEntry,
  type KeptEdit,
  type UndoResult,
  type BundleScope,
  type ChangeKind,
  type ImportPreview,
  type KindCounts,
} from '../../../shared/bundle/format.js';
import { PARENT_KIND, recordTitle, viewRecord, type RecordView } from '../../../shared/records/codec.js';
import type { Kind } from '../../../shared/records/kinds.js';
import { isDeleted, mergeRecords, PARENT, type SyncRecord } from '../../../shared/sync/record.js';
import { CoreError } from '../errors.js';
import type { CoreEvents } from '../events.js';
import type { Workspace } from '../workspace.js';
import type { JournalFile } from '../store/records-store.js';
import { BundleError, decodeBundle, encodeBundle, type DecodedBundle } from './codec.js';
import { changesFile, changesOf, ImportChanges, planUndo } from './undo.js';

export const IMPORT_LOG = 'imports.json';
const ImportLog = z.object({ entries: z.array(ImportEntry) });
const PREVIEW_ITEMS = 500;
/** Imports listed in the log (older ones drop out, with what they changed). */
const LOG_ENTRIES = 200;
/** Later edits named one by one when an undo keeps them. */
const KEPT_ITEMS = 200;

export interface BundleServiceOptions {
  dataDir: string;
  appVersion: string;
  creator(): { replicaId: string; name: string; organisation: string };
  events?: CoreEvents;
  now?: () => Date;
}

const emptyCounts = (): KindCounts => ({ new: 0, updated: 0, unchanged: 0, conflicting: 0, deleted: 0 });

/** A record's title for a preview list or a terminal line, cut to a readable length. */
export function titleOf(view: RecordView, language = 'en'): string {
  const text = recordTitle(view.fields, language);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** Export, import (preview then apply), the import log and undo. */
export class BundleService {
  #preview: { id: string; decoded: DecodedBundle } | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly options: BundleServiceOptions,
  ) {}

  /** Who this installation is, as its bundles say. */
  creator(): { replicaId: string; name: string; organisation: string } {
    return this.options.creator();
  }

  #progress(task: 'export' | 'import', done: number, total: number) {
    this.options.events?.emit('progress', { task, done, total });
  }

  /** The records a scope covers, with everything they need (children, linked action points). */
  select(scope: BundleScope): SyncRecord[] {
    const all = [...this.workspace.store.records.values()];
    const parentOf = (r: SyncRecord) => r.fields[PARENT]?.[0]?.value as string | undefined;
    const withDescendants = (roots: Set<string>) => {
      const ids = new Set(roots);
      let grew = true;
      while (grew) {
        grew = false;
        for (const r of all) {
          const parent = parentOf(r);
          if (parent && ids.has(parent) && !ids.has(r.id)) {
            ids.add(r.id);
            grew = true;
          }
        }
      }
      return ids;
    };
    let ids: Set<string>;
    switch (scope.type) {
      case 'all':
        return all;
      case 'nap': {
        if (this.workspace.store.get(scope.napId)?.kind !== 'nap') throw new CoreError('not_found', `no NAP ${scope.napId}`);
        ids = withDescendants(new Set([scope.napId]));
        for (const r of all) {
          const view = this.workspace.view(r);
          if ((r.kind === 'input' && view.fields.napId === scope.napId) || (r.kind === 'action' && ids.has(view.fields.napActionId as string))) ids.add(r.id);
        }
        break;
      }
      case 'meetings': {
        const meetings = all.filter((r) => {
          if (r.kind !== 'meeting') return false;
          const start = this.workspace.view(r).fields.start;
          const day = typeof start === 'string' ? start.slice(0, 10) : null;
          return day !== null && day >= scope.from && day <= scope.to;
        });
        ids = new Set(meetings.map((m) => m.id));
        for (const r of all) if (r.kind === 'action' && ids.has(this.workspace.view(r).fields.meetingId as string)) ids.add(r.id);
        break;
      }
      case 'selection': {
        for (const id of scope.ids) if (!this.workspace.store.get(id)) throw new CoreError('not_found', `no record ${id}`);
        ids = withDescendants(new Set(scope.ids));
        break;
      }
    }
    // A child travels with its parents, so the tree can be rebuilt on the other side.
    for (const id of [...ids]) {
      let parent = parentOf(this.workspace.store.get(id)!);
      while (parent && !ids.has(parent) && this.workspace.store.get(parent)) {
        ids.add(parent);
        parent = parentOf(this.workspace.store.get(parent)!);
      }
    }
    return all.filter((r) => ids.has(r.id));
  }

  async export(request: { scope: BundleScope; passphrase?: string; note?: string; compact?: boolean }): Promise<{ fileName: string; content: string; records: number }> {
    await this.workspace.store.flush();
    // From now on everything about to be selected may be outside: in effect before the selection
    // (no await between them), durable before the content is handed out. A folder that cannot be
    // written (read-only, full) still exports: nothing can be edited there until it can be
    // written again, and a version squashed after all costs at worst a listed conflict where a
    // merge would have been clean, never a word.
    const shipped = this.workspace.markShipped();
    const records = this.select(request.scope);
    await shipped.catch((error: unknown) => {
      if (!storageProblem(error)) throw error;
    });
    this.#progress('export', 0, records.length);
    const now = (this.options.now ?? (() => new Date()))();
    const content = encodeBundle({
      head: {
        bundleId: uuidv7(),
        creator: this.options.creator(),
        createdAt: now.toISOString(),
        appVersion: this.options.appVersion,
        scope: request.scope,
        note: request.note ?? '',
      },
      records,
      passphrase: request.passphrase,
      compact: request.compact,
    });
    this.#progress('export', records.length, records.length);
    return { fileName: suggestFileName(request.scope, now, this.workspace), content, records: records.length };
  }

  /** What merging these records into the workspace as it is now would do, record by record. */
  #diff(incoming: readonly SyncRecord[], language: string) {
    const counts: Partial<Record<Kind, KindCounts>> = {};
    const items: ImportPreview['items'] = [];
    const merged: SyncRecord[] = [];
    let more = 0;
    for (const [index, record] of incoming.entries()) {
      if (index % 5000 === 0) this.#progress('import', index, incoming.length);
      const local = this.workspace.store.get(record.id);
      if (local && local.kind !== record.kind) {
        throw new CoreError('invalid_request', `record ${record.id} has another kind here`, undefined, { code: 'kind_mismatch', id: record.id });
      }
      // A record deleted before this workspace ever had it: nothing the person sees changes, so it
      // is neither counted nor listed (as "deleted" it read as a loss). It is still kept, deleted,
      // so that an older edit of it arriving later stays deleted.
      if (!local && isDeleted(record)) {
        merged.push(record);
        continue;
      }
      const result = local ? mergeRecords(local, record) : record;
      const unchanged = local !== undefined && JSON.stringify(result) === JSON.stringify(local);
      // A view only where it is needed (a merge's conflicts, a listed item's title): a large
      // bundle's records are otherwise viewed for nothing, twice (preview and apply).
      let view: RecordView | null = null;
      let change: ChangeKind;
      if (!local) change = 'new';
      else if (unchanged) change = 'unchanged';
      else if (isDeleted(result) && !isDeleted(local)) change = 'deleted';
      else if ((view = viewRecord(result)).conflicts.length > this.workspace.view(local).conflicts.length) change = 'conflicting';
      else change = 'updated';
      const kind = record.kind as Kind;
      (counts[kind] ??= emptyCounts())[change]++;
      if (change === 'unchanged') continue;
      // Cross-field rules were checked on the record as its sender has it (the reader). The merge
      // of two edits each fine on its side may still contradict itself (a start moved here, an
      // end there): refusing would block every other edit in the bundle, so it comes in and the
      // form shows the contradiction at the field.
      merged.push(result);
      if (items.length < PREVIEW_ITEMS) items.push({ id: record.id, kind, title: titleOf(view ?? viewRecord(result), language), change });
      else more++;
    }
    this.#checkTree(merged);
    this.#progress('import', incoming.length, incoming.length);
    return { counts, items, merged, more };
  }

  /**
   * After the merge, every record's parent must be there (in the bundle or the workspace, as a
   * local edit needs it) and of the kind its kind expects, and following parents must end at a
   * root: a loop (a record its own ancestor) is refused, since the tree could never be shown or
   * exported.
   */
  #checkTree(merged: readonly SyncRecord[]): void {
    const byId = new Map(merged.map((r) => [r.id, r]));
    const get = (id: string) => byId.get(id) ?? this.workspace.store.get(id);
    const parentOf = (r: SyncRecord) => r.fields[PARENT]?.[0]?.value as string | undefined;
    for (const record of merged) {
      const parentId = parentOf(record);
      if (!parentId) continue;
      const parent = get(parentId);
      const refuse = () => {
        throw new CoreError('invalid_request', `record ${record.id} has an impossible parent`, undefined, {
          code: 'invalid',
          id: record.id,
          path: ['fields', PARENT],
        });
      };
      if (!parent || parent.kind !== PARENT_KIND[record.kind as Kind]) refuse();
      const seen = new Set([record.id]);
      for (let at = parent; at; ) {
        if (seen.has(at.id)) refuse();
        seen.add(at.id);
        const next = parentOf(at);
        at = next ? get(next) : undefined;
      }
    }
  }

  /** Reads and checks a bundle and says what importing it would change. Changes nothing. */
  async preview(bytes: Uint8Array, passphrase?: string, language = 'en'): Promise<ImportPreview> {
    let decoded: DecodedBundle;
    try {
      decoded = decodeBundle(bytes, { passphrase });
    } catch (error) {
      if (error instanceof BundleError) throw new CoreError('invalid_request', error.message, undefined, error.problem);
      throw error;
    }
    const { counts, items, more } = this.#diff(decoded.records, language);
    const previewId = crypto.randomUUID();
    this.#preview = { id: previewId, decoded };
    const log = await this.history();
    const { checksum: _c, format: _f, version: _v, ...head } = decoded.head;
    const ahead = this.workspace.aheadOfClock(decoded.records);
    return {
      ...(ahead ? { aheadOfClock: ahead.t } : {}),
      previewId,
      bundle: { ...head, encrypted: decoded.encrypted },
      alreadyImported: log.some((e) => e.bundleId === decoded.head.bundleId && !e.undone),
      counts,
      items,
      moreItems: more,
    };
  }

  /**
   * Applies the previewed bundle: a backup first, then every change, the import log entry and
   * what the import changed (for undo), all in one durable step — a crash leaves either all of
   * them or none, so the log never misses an import that is in the records.
   */
  async apply(previewId: string): Promise<ImportEntry> {
    const preview = this.#preview;
    if (!preview || preview.id !== previewId) throw new CoreError('not_found', 'preview the bundle again');
    this.#preview = null;
    const backup = await this.workspace.backup('before_import');
    const { bundleId, creator, createdAt } = preview.decoded.head;
    const { entry } = await this.#merge(preview.decoded.records, { bundleId, creator, createdAt, backupId: backup.id }, [], true);
    return entry!;
  }

  /**
   * Merges records read from a team folder (decoded and checked as a bundle's are): no preview
   * and no backup, since a round may come every few seconds (what it changed is kept, so it can
   * be undone like an import), logged like an import when it changed anything. `extras` (the
   * team folder's own state) are written in the same durable step, changes or not.
   */
  async receive(
    records: readonly SyncRecord[],
    from: Pick<ImportEntry, 'bundleId' | 'creator' | 'createdAt'>,
    extras: readonly JournalFile[],
  ): Promise<{ entry: ImportEntry | null; changed: string[] }> {
    return this.#merge(records, { ...from, backupId: '', team: true }, extras, false);
  }

  /**
   * Every change, the import log entry and what the import changed (for undo), and `extras`, all
   * in one durable step: a crash leaves either all of them or none, so the log never misses an
   * import that is in the records.
   */
  async #merge(
    records: readonly SyncRecord[],
    from: Pick<ImportEntry, 'bundleId' | 'creator' | 'createdAt' | 'backupId' | 'team'>,
    extras: readonly JournalFile[],
    always: boolean,
  ): Promise<{ entry: ImportEntry | null; changed: string[] }> {
    const logged = await this.history();
    const { entry, changed, dropped } = await this.workspace.whenSettled((): Promise<{ entry: ImportEntry | null; changed: string[]; dropped: ImportEntry[] }> => {
      // From here to the commit nothing waits: merged against the records as they are in this
      // moment (they may have changed since the preview), and committed before any edit can come.
      const { counts, merged } = this.#diff(records, 'en');
      if (!always && merged.length === 0) {
        return this.workspace.commitMerged([], true, extras).then(() => ({ entry: null, changed: [], dropped: [] }));
      }
      const ahead = this.workspace.aheadOfClock(records);
      const entry: ImportEntry = {
        id: uuidv7(),
        ...from,
        importedAt: (this.options.now ?? (() => new Date()))().toISOString(),
        counts,
        undone: false,
        ...(ahead ? { aheadOfClock: ahead.t } : {}),
      };
      const changes = changesOf(merged.map((after) => ({ before: this.workspace.store.get(after.id), after })));
      const entries = [entry, ...logged];
      return this.workspace
        .commitMerged(merged, true, [
          { path: changesFile(entry.id!), content: JSON.stringify(changes) },
          { path: IMPORT_LOG, content: logText(entries.slice(0, LOG_ENTRIES)) },
          ...extras,
        ])
        .then(() => ({ entry, changed: merged.map((r) => r.id), dropped: entries.slice(LOG_ENTRIES) }));
    });
    await this.#dropChanges(dropped);
    return { entry, changed };
  }

  /** The ids an import logged here changed (empty when that is no longer on record). */
  async changedBy(entry: ImportEntry): Promise<string[]> {
    if (!entry.id) return [];
    try {
      return ImportChanges.parse(JSON.parse(await fs.readFile(path.join(this.options.dataDir, changesFile(entry.id)), 'utf8'))).records.map((r) => r.id);
    } catch {
      return [];
    }
  }

  async history(): Promise<ImportEntry[]> {
    try {
      const parsed = ImportLog.safeParse(JSON.parse(await fs.readFile(path.join(this.options.dataDir, IMPORT_LOG), 'utf8')));
      return parsed.success ? parsed.data.entries : [];
    } catch {
      return [];
    }
  }

  /** What imports that left the log had changed: no longer needed, since they can no longer be undone. */
  async #dropChanges(gone: readonly ImportEntry[]): Promise<void> {
    for (const entry of gone) {
      if (entry.id) await fs.rm(path.join(this.options.dataDir, changesFile(entry.id)), { force: true });
    }
  }

  /**
   * Undoes the last import that is not already undone, as new edits (so the reversal syncs like
   * any edit): what it changed goes back, and everything done since stays. Where a later edit
   * touched what the import changed, the later edit is kept and listed. The reversal and the
   * log entry marked undone are written in one durable step.
   */
  async undoLast(language = 'en'): Promise<UndoResult> {
    const entries = await this.history();
    const last = entries.find((e) => !e.undone);
    if (!last) throw new CoreError('not_found', 'no import to undo');
    // Logged before imports kept what they changed: only a whole restore (Settings → Backups) can go back.
    if (!last.id) throw new CoreError('not_found', 'this import was logged by an earlier version: restore its backup instead');
    let changes: ImportChanges;
    try {
      changes = ImportChanges.parse(JSON.parse(await fs.readFile(path.join(this.options.dataDir, changesFile(last.id)), 'utf8')));
    } catch {
      throw new CoreError('not_found', 'what this import changed is no longer on record: restore its backup instead');
    }
    const store = this.workspace.store;
    const undone = { ...last, undone: true };
    // Planned and written in one moment: no edit can come between the plan and its write.
    const plan = await this.workspace.whenSettled(() => {
      const planned = planUndo(changes, (id) => store.get(id), store.records.values());
      return this.workspace
        .writeEdits(planned.edits, [{ path: IMPORT_LOG, content: logText(entries.map((e) => (e === last ? undone : e))) }])
        .then(() => planned);
    });
    const kept: KeptEdit[] = plan.kept.slice(0, KEPT_ITEMS).map(({ id, field }) => {
      const view = this.workspace.view(store.get(id)!);
      return { id, kind: view.kind, title: titleOf(view, language), field };
    });
    return { entry: undone, kept, moreKept: Math.max(0, plan.kept.length - KEPT_ITEMS) };
  }
}

const logText = (entries: readonly ImportEntry[]) => JSON.stringify({ entries }, null, 2);

/** "NAP-Senegal-2026-11-22.fpbundle": what and when, in plain ASCII for any mail system. */
export function suggestFileName(scope: BundleScope, now: Date, workspace: Workspace): string {
  const day = now.toISOString().slice(0, 10);
  const slug = (s: string) =>
    s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  let what = 'workspace';
  if (scope.type === 'nap') {
    const nap = workspace.store.get(scope.napId);
    const title = nap ? titleOf(workspace.view(nap)) : '';
    what = `NAP-${slug(title) || 'draft'}`;
  } else if (scope.type === 'meetings') what = `meetings-${scope.from}-to-${scope.to}`;
  else if (scope.type === 'selection') what = `selection-${scope.ids.length}`;
  return `${what}-${day}.fpbundle`;
}


import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { BackupInfo, BackupReason } from '../../shared/records/backups.js';
import { BACKUPS_DIR, backupFiles, createBackup, dailyBackupDue, listBackups } from './store/backups.js';
import { storageProblem } from './store/durable.js';
import { readBucketFiles, RECORDS_DIR, RecordStore, WorkspaceError, type JournalFile, type RecordMigrations, type StoreNotice } from './store/records-store.js';
import { issuesFromZod } from '../../shared/api/errors.js';
import type { GetRequest, HistoryRequest, MoveRequest, QueryRequest, ResolveRequest, UpdateRequest } from '../../shared/records/api.js';
import { itemVersionView, mergeAsFor, PARENT_KIND, toSyncChanges, versionView, viewRecord, type RecordView } from '../../shared/records/codec.js';
import { itemKey, splitItemKey } from '../../shared/records/lists.js';
import { upgradeListFields } from '../../shared/records/lists-upgrade.js';
import { isItemValue } from '../../shared/sync/list-merge.js';
import { checkRecord, FIELD_SCHEMAS, fieldSpec, Kind, type Kind as KindName } from '../../shared/records/kinds.js';
import { compareHlc, HybridClock, MAX_COUNTER, MAX_INCOMING_COUNTER, sameDot, withinClockReach, type Hlc, type ReplicaId } from '../../shared/sync/clock.js';
import { ClockFile } from './store/clock-file.js';
import { BLOBS_DIR } from './store/blobs.js';
import { compareOrder, planPlacement, type Placed, type Placement } from '../../shared/sync/order.js';
import {
  compareVersions,
  createRecord,
  DELETED,
  fieldState,
  highWater,
  isDeleted,
  mergeRecords,
  ORDER,
  PARENT,
  SyncRecord,
  writeFields,
  type Json,
  type Writer,
} from '../../shared/sync/record.js';
import { CoreError } from './errors.js';
import { SearchIndex } from './search/search-index.js';
import { queryUnits } from '../../shared/search/tokenize.js';
import { sortKey, textCollator } from '../../shared/records/sort.js';

export interface WorkspaceOptions {
  dataDir: string;
  replica: ReplicaId;
  /**
   * Called when this installation goes on under a new replica id, so the settings keep it: its
   * counter came too close to what files allow (only a forged file can bring it there).
   */
  onReplicaChange?: (replica: ReplicaId) => void;
  /** The display name that goes with every edit (the profile's name). */
  author(): string;
  wall?: () => number;
  now?: () => Date;
  migrations?: RecordMigrations;
  schemaVersion?: number;
}

type Query = z.output<typeof QueryRequest>;

/** Counters one operation may use at most before the replica id must change (see #writer). */
const ROTATE_MARGIN = 2 ** 24;

/** A record as an item of its parent's ordered list. */
function placed(record: SyncRecord): Placed {
  const order = fieldState(record, ORDER, 'order').value;
  return { id: record.id, order: typeof order === 'string' ? order : null };
}

/** The records of a workspace and every operation on them, in plain Node. */
export class Workspace {
  readonly #views = new WeakMap<SyncRecord, RecordView>();
  /** The full-text index of every record, kept up to date through the store's change notices. */
  readonly searchIndex: SearchIndex;
  readonly #clock: HybridClock;
  #counter: number;
  #replica: ReplicaId;
  #tail: Promise<void> = Promise.resolve();
  readonly #wall: () => number;

  private constructor(
    readonly store: RecordStore,
    private readonly options: WorkspaceOptions,
    private readonly clockFile: ClockFile,
  ) {
    this.#wall = options.wall ?? Date.now;
    this.#replica = options.replica;
    const high = highWater(store.records.values(), options.replica, this.#wall());
    // The counter never goes back: the records alone would say less after a restore.
    this.#counter = clockFile.start(high.counter);
    const saved = clockFile.hlc;
    const start = withinClockReach(saved, this.#wall()) && compareHlc(saved, high.hlc) > 0 ? saved : high.hlc;
    this.#clock = new HybridClock(this.#wall, start);
    this.searchIndex = new SearchIndex({
      ids: () => store.records.keys(),
      view: (id) => {
        const record = store.get(id);
        return record && this.view(record);
      },
    });
    store.onChange((ids) => this.searchIndex.changed(ids));
  }

  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const now = options.now ?? (() => new Date());
    const store = await RecordStore.open(options.dataDir, {
      migrations: options.migrations,
      schemaVersion: options.schemaVersion,
      now,
      // The files as they were, before the first migration step rewrites any of them.
      beforeMigration: async () => {
        const dir = path.join(options.dataDir, RECORDS_DIR);
        const texts = path.join(options.dataDir, BLOBS_DIR);
        const files = [
          ...(await fs.readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f)),
          ...(await fs.readdir(texts).catch(() => [] as string[])).filter((f) => f.endsWith('.txt')).map((f) => path.join(texts, f)),
        ];
        await createBackup(options.dataDir, files, 'before_migration', 0, now());
      },
    });
    const workspace = new Workspace(store, options, await ClockFile.open(options.dataDir, options.replica));
    if (store.records.size > 0 && (await dailyBackupDue(options.dataDir, now()))) {
      // Opening and reading need no free space: a daily backup the disk has no room for (or a
      // folder that cannot be written) is skipped with a notice, and tried again next start.
      try {
        await workspace.backup('daily');
      } catch (error) {
        const reason = storageProblem(error);
        if (!reason) throw error;
        store.notices.push({ code: 'backup_skipped', file: path.join(options.dataDir, BACKUPS_DIR), reason });
      }
    }
    return workspace;
  }

  get notices(): StoreNotice[] {
    return this.store.notices;
  }

  /**
   * A writer for one operation. When the counter has come within ROTATE_MARGIN of the highest
   * counter a file may carry (only an accepted file naming this replica near it can do that),
   * the installation goes on as a new replica from counter 1: its exports then stay importable
   * everywhere, and no dot is ever reused.
   */
  #writer(): Writer {
    const clockFile = this.clockFile;
    if (this.#counter >= MAX_INCOMING_COUNTER - ROTATE_MARGIN) {
      this.#replica = newReplicaId();
      this.#counter = 0;
      this.clockFile.switchTo(this.#replica);
      this.options.onReplicaChange?.(this.#replica);
    }
    return {
      replica: this.#replica,
      clock: this.#clock,
      nextCounter: () => {
        // Unreachable by typing (2^40 edits); refused rather than written past what files allow.
        if (this.#counter >= MAX_COUNTER) throw new CoreError('internal', 'this installation has used up its edit counter');
        return ++this.#counter;
      },
      author: this.options.author(),
      // Read at each write, not when the writer was made: an export in between counts.
      get shipped() {
        return clockFile.shipped;
      },
    };
  }

  /**
   * Everything this replica has written so far is about to leave (an export). Takes effect at
   * once (no later write squashes any of it, even one made while the file is being written);
   * resolves when it is durable, which the export waits for before handing out its content.
   */
  markShipped(): Promise<void> {
    return this.clockFile.markShipped(this.#counter, this.#clock.last);
  }

  /** This installation's replica id and the highest counter it has used: what it has written so far. */
  get written(): { replica: ReplicaId; counter: number } {
    return { replica: this.#replica, counter: this.#counter };
  }

  view(record: SyncRecord): RecordView {
    let view = this.#views.get(record);
    if (!view) this.#views.set(record, (view = viewRecord(record)));
    return view;
  }

  #require(id: string): SyncRecord {
    const record = this.store.get(id);
    if (!record) throw new CoreError('not_found', `no record ${id}`);
    return record;
  }

  #requireLive(id: string): SyncRecord {
    const record = this.#require(id);
    if (isDeleted(record)) throw new CoreError('gone', `record ${id} is deleted`);
    return record;
  }

  #checkFields(kind: KindName, fields: unknown): Record<string, unknown> {
    // The kind's schema also reads one list item's sync key (as bundles carry it); a request names whole fields.
    const items = fields && typeof fields === 'object' ? Object.keys(fields).filter((key) => key.includes('#')) : [];
    if (items.length > 0) throw new CoreError('invalid_request', `invalid fields for ${kind}`, items.map((key) => ({ path: [key], message: 'errors:validation.invalid' })));
    const parsed = FIELD_SCHEMAS[kind].safeParse(fields);
    if (!parsed.success) throw new CoreError('invalid_request', `invalid fields for ${kind}`, issuesFromZod(parsed.error));
    return parsed.data as Record<string, unknown>;
  }

  /** Cross-field rules against the record as it would be after the change. */
  #checkRules(kind: KindName, before: Record<string, unknown>, change: Record<string, unknown>): void {
    const after: Record<string, unknown> = { ...before };
    for (const [name, value] of Object.entries(change)) {
      if (value === undefined) continue;
      if (value === null) delete after[name];
      else after[name] = value;
    }
    const issues = checkRecord(kind, after);
    if (issues.length > 0) throw new CoreError('invalid_request', `fields of ${kind} contradict each other`, issues);
  }

  #checkParent(kind: KindName, parentId: string | null | undefined): string | null {
    const parentKind = PARENT_KIND[kind];
    if (!parentKind) {
      if (parentId) throw new CoreError('invalid_request', `a ${kind} has no parent`, [{ path: ['parentId'], message: 'errors:validation.parent' }]);
      return null;
    }
    if (!parentId) throw new CoreError('invalid_request', `a ${kind} needs a parent`, [{ path: ['parentId'], message: 'errors:validation.parent' }]);
    const parent = this.#requireLive(parentId);
    if (parent.kind !== parentKind) {
      throw new CoreError('invalid_request', `the parent of a ${kind} is a ${parentKind}`, [{ path: ['parentId'], message: 'errors:validation.parent' }]);
    }
    return parentId;
  }

  /** Every record's children in order, from one pass over the workspace. */
  #childIndex(includeDeleted: boolean): Map<string, SyncRecord[]> {
    const index = new Map<string, SyncRecord[]>();
    for (const record of this.store.records.values()) {
      if (!includeDeleted && isDeleted(record)) continue;
      const parent = fieldState(record, PARENT, 'value').value;
      if (typeof parent !== 'string') continue;
      const siblings = index.get(parent);
      if (siblings) siblings.push(record);
      else index.set(parent, [record]);
    }
    for (const siblings of index.values()) siblings.sort((a, b) => compareOrder(placed(a), placed(b)));
    return index;
  }

  #children(parentId: string, includeDeleted = false): SyncRecord[] {
    return this.#childIndex(includeDeleted).get(parentId) ?? [];
  }

  /** The keys that put an item at `index` among `siblings` (in order, without the item), made by this replica. */
  #place(siblings: readonly Placed[], index: number): Placement {
    return planPlacement(siblings, index, this.#replica);
  }

  /** An item and the siblings that made room for it: all or none when there are any. */
  #commitPlaced(record: SyncRecord, rekeyed: readonly SyncRecord[]): Promise<void> {
    return rekeyed.length === 0 ? this.#commit([record]) : this.#commit([record, ...rekeyed], true);
  }

  /** Siblings given new keys to make room for an item, as ordinary edits by `writer`. */
  #rekeyed(rekeys: readonly Placed[], writer: Writer): SyncRecord[] {
    return rekeys.map((r) => {
      const sibling = this.#require(r.id);
      return writeFields(sibling, writer, { [ORDER]: r.order }, { mergeAs: mergeAsFor(sibling.kind as KindName) });
    });
  }

  create(request: { kind: KindName; parentId?: string | null; fields: Record<string, unknown> }): Promise<RecordView> {
    return this.whenSettled(() => {
      const fields = this.#checkNew(request.kind, request.fields);
      const parentId = this.#checkParent(request.kind, request.parentId);
      const writer = this.#writer();
      // Last among its siblings, deleted ones included, so a restored sibling keeps its place.
      const siblings = parentId ? this.#children(parentId, true).map(placed) : [];
      const placement = parentId ? this.#place(siblings, siblings.length) : null;
      const record = this.#newRecord(request.kind, fields, parentId, writer, placement?.key ?? null);
      return this.#commitPlaced(record, this.#rekeyed(placement?.rekeys ?? [], writer)).then(() => this.view(record));
    });
  }

  /**
   * Writes records made with this installation's counter: the counter is durably reserved past
   * every dot first, so no dot reaches the disk (or a bundle) that a restart could issue again.
   */
  #commit(records: readonly SyncRecord[], atomic = false, extras: readonly JournalFile[] = []): Promise<void> {
    const reserved = this.clockFile.cover(this.#counter, this.#clock.last);
    if (atomic) return this.#hold(reserved.then(() => this.store.commitAtomic(records, extras)));
    // Into memory now (a second edit of the record made at the same moment builds on this one),
    // onto disk once the reservation is.
    return this.store.commit(records, reserved);
  }

  /**
   * Runs `change` at a moment no all-or-nothing write is in flight, synchronously: it reads the
   * records and hands its writes to #commit before anything else can run. A change is computed
   * from the records in memory and put back into memory in the same moment; an all-or-nothing
   * write (an import, a bulk change, a restore) reaches memory only once it is on disk, so every
   * change waits for it first — otherwise one computed meanwhile from the older record would
   * replace it, and with it an edit (two states of one record from one replica cannot be merged:
   * its version vector says each saw the other). Callers outside: an import computes and commits
   * in it.
   */
  async whenSettled<T>(change: () => T | Promise<T>): Promise<T> {
    for (let tail = this.#tail; ; tail = this.#tail) {
      await tail;
      if (tail === this.#tail) return change();
    }
  }

  #hold<T>(write: Promise<T>): Promise<T> {
    this.#tail = write.then(
      () => undefined,
      () => undefined,
    );
    return write;
  }

  /** A new record's fields, checked against its kind's schema and rules. */
  #checkNew(kind: KindName, raw: Record<string, unknown>): Record<string, unknown> {
    const fields = this.#checkFields(kind, raw);
    this.#checkRules(kind, {}, fields);
    return fields;
  }

  /** A new record from checked fields, placed under its parent with the order key `order`. */
  #newRecord(kind: KindName, fields: Record<string, unknown>, parentId: string | null, writer: Writer, order: string | null): SyncRecord {
    const changes: Record<string, Json> = toSyncChanges(kind, fields);
    if (parentId) {
      changes[PARENT] = parentId;
      if (order !== null) changes[ORDER] = order;
    }
    return createRecord(uuidv7(), kind, writer, changes, mergeAsFor(kind));
  }

  /** A record with a change applied, checked against its kind's schema and rules; the same record when nothing changes. */
  #changed(stored: SyncRecord, raw: Record<string, unknown>, writer: Writer): SyncRecord {
    const kind = stored.kind as KindName;
    // A list still kept whole (written before lists merged item by item) is upgraded before its
    // items are compared, so an edit never adds its items a second time.
    const upgraded = upgradeListFields(stored);
    const fields = this.#checkFields(kind, raw);
    this.#checkRules(kind, this.view(stored).fields, fields);
    const changes = toSyncChanges(kind, fields, upgraded);
    return Object.keys(changes).length === 0 ? stored : writeFields(upgraded, writer, changes, { mergeAs: mergeAsFor(kind) });
  }

  /**
   * Several new records written together, all or none (a NAP with its outline, a meeting's
   * template steps). An item's parent is an existing record's id or the index of an earlier item;
   * siblings keep the order they are given in.
   */
  createMany(items: readonly { kind: KindName; parent?: string | number | null; fields: Record<string, unknown> }[]): Promise<RecordView[]> {
    return this.whenSettled(() => {
      const writer = this.#writer();
      const made: SyncRecord[] = [];
      /** Per parent, its children so far (existing ones, deleted included, then those made here). */
      const children = new Map<string, Placed[]>();
      const rekeyed = new Map<string, SyncRecord>();
      for (const item of items) {
        const fields = this.#checkNew(item.kind, item.fields);
        let parentId: string | null;
        if (typeof item.parent === 'number') {
          const parent = made[item.parent];
          if (!parent || parent.kind !== PARENT_KIND[item.kind]) {
            throw new CoreError('invalid_request', `item ${made.length} has no ${PARENT_KIND[item.kind]} before it`);
          }
          parentId = parent.id;
        } else {
          parentId = this.#checkParent(item.kind, item.parent);
        }
        let order: string | null = null;
        if (parentId) {
          let siblings = children.get(parentId);
          if (!siblings) children.set(parentId, (siblings = this.#children(parentId, true).map(placed)));
          const placement = this.#place(siblings, siblings.length);
          // Only existing siblings with keys that are no order keys are ever re-keyed here: those made
          // in this batch have good keys and come last.
          for (const r of this.#rekeyed(placement.rekeys, writer)) rekeyed.set(r.id, r);
          const moved = new Map(placement.rekeys.map((r) => [r.id, r.order]));
          for (const s of siblings) if (moved.has(s.id)) s.order = moved.get(s.id)!;
          order = placement.key;
        }
        const record = this.#newRecord(item.kind, fields, parentId, writer, order);
        if (parentId) children.get(parentId)!.push({ id: record.id, order });
        made.push(record);
      }
      return this.#commit([...made, ...rekeyed.values()], true).then(() => made.map((r) => this.view(r)));
    });
  }

  /** Changes to several records written together, all or none (dates moved with their meeting). */
  updateMany(items: readonly { id: string; fields: Record<string, unknown> }[]): Promise<RecordView[]> {
    return this.whenSettled(() => {
      const writer = this.#writer();
      // The same record twice: the second change applies on top of the first.
      const next = new Map<string, SyncRecord>();
      for (const item of items) next.set(item.id, this.#changed(next.get(item.id) ?? this.#requireLive(item.id), item.fields, writer));
      return this.#commit([...next.values()], true).then(() => [...next.values()].map((r) => this.view(r)));
    });
  }

  update(request: z.output<typeof UpdateRequest>): Promise<RecordView> {
    return this.whenSettled(() => {
      const current = this.#requireLive(request.id);
      const next = this.#changed(current, request.fields, this.#writer());
      if (next === current) return this.view(current);
      return this.#commit([next]).then(() => this.view(next));
    });
  }

  /** Deletes a record and everything under it (each a tombstone, restorable). */
  delete(id: string): Promise<RecordView> {
    return this.whenSettled(() => {
      const root = this.#requireLive(id);
      // One time for the whole cascade: restore brings back exactly what this delete took away.
      const at = this.#clock.now();
      const writer = { ...this.#writer(), clock: { now: () => at } as HybridClock };
      const doomed = [root, ...this.#descendants(id)];
      const next = doomed.map((r) => writeFields(r, writer, { [DELETED]: true }, { mergeAs: mergeAsFor(r.kind as KindName), resolve: true }));
      return this.#commit(next).then(() => this.view(next[0]!));
    });
  }

  /** Undoes a delete: the record and the children deleted with it (not those deleted before) come back. */
  restore(id: string): Promise<RecordView> {
    return this.whenSettled(() => {
      const root = this.#require(id);
      if (!isDeleted(root)) return this.view(root);
      const parentId = fieldState(root, PARENT, 'value').value;
      if (typeof parentId === 'string' && isDeleted(this.#require(parentId))) {
        throw new CoreError('gone', `restore the parent ${parentId} first`);
      }
      const deletion = root.fields[DELETED]![0]!;
      const sameDelete = (r: SyncRecord) => {
        const d = r.fields[DELETED]?.[0];
        return d?.value === true && d.dot.r === deletion.dot.r && d.hlc.t === deletion.hlc.t && d.hlc.l === deletion.hlc.l;
      };
      const writer = this.#writer();
      const revived = [root, ...this.#descendants(id, true).filter(sameDelete)];
      const next = revived.map((r) => writeFields(r, writer, { [DELETED]: false }, { mergeAs: mergeAsFor(r.kind as KindName), resolve: true }));
      return this.#commit(next).then(() => this.view(next[0]!));
    });
  }

  #descendants(id: string, includeDeleted = false): SyncRecord[] {
    const out: SyncRecord[] = [];
    // A visited set: concurrent moves could in principle make a loop; never walk it forever.
    const seen = new Set([id]);
    const queue = [id];
    const index = this.#childIndex(includeDeleted);
    while (queue.length > 0) {
      for (const child of index.get(queue.shift()!) ?? []) {
        if (seen.has(child.id)) continue;
        seen.add(child.id);
        out.push(child);
        queue.push(child.id);
      }
    }
    return out;
  }

  move(request: z.output<typeof MoveRequest>): Promise<RecordView> {
    return this.whenSettled(() => {
      const record = this.#requireLive(request.id);
      const kind = record.kind as KindName;
      const currentParent = fieldState(record, PARENT, 'value').value as string | undefined;
      const parentId = this.#checkParent(kind, request.parentId ?? currentParent);
      if (!parentId) throw new CoreError('invalid_request', `a ${kind} has no order`);
      const siblings = this.#children(parentId).filter((r) => r.id !== record.id);
      let index = 0;
      if (request.after) {
        index = siblings.findIndex((r) => r.id === request.after) + 1;
        if (index === 0) throw new CoreError('not_found', `${request.after} is not a sibling`);
      }
      const writer = this.#writer();
      const { key, rekeys } = this.#place(siblings.map(placed), index);
      const next = writeFields(record, writer, { [PARENT]: parentId, [ORDER]: key }, { mergeAs: mergeAsFor(kind) });
      return this.#commitPlaced(next, this.#rekeyed(rekeys, writer)).then(() => this.view(next));
    });
  }

  get(request: z.output<typeof GetRequest>): { record: RecordView; children: RecordView[] } {
    const record = this.#require(request.id);
    const children = request.children ? this.#descendants(request.id).map((r) => this.view(r)) : [];
    return { record: this.view(record), children };
  }

  /** A query whose words (if any) are looked up in the search index: details and notes too, and in a NAP's items. */
  async find(request: Query): Promise<{ total: number; records: RecordView[] }> {
    const { text, ...rest } = request;
    // No words in it (punctuation alone): the text filters nothing, as an empty box does.
    if (!text || queryUnits(text).length === 0) return this.query(rest);
    const ids = await this.searchIndex.match({ text, kind: request.kind, includeDeleted: request.includeDeleted });
    return this.query(rest, new Set(ids));
  }

  /** Records of one kind by parent, fields, order; `matching`: the ids a query's words found (find looks them up). */
  query(request: Omit<Query, 'text'>, matching: ReadonlySet<string> | null = null): { total: number; records: RecordView[] } {
    const locale = request.locale ?? 'en';
    const matches: RecordView[] = [];
    for (const record of this.store.records.values()) {
      if (record.kind !== request.kind) continue;
      if (!request.includeDeleted && isDeleted(record)) continue;
      const view = this.view(record);
      if (request.parentId !== undefined && view.parentId !== request.parentId) continue;
      if (request.where && !Object.entries(request.where).every(([k, v]) => view.fields[k] === v)) continue;
      if (matching && !matching.has(view.id)) continue;
      matches.push(view);
    }
    if (request.sort) {
      const { by, direction } = request.sort;
      const collator = textCollator(locale);
      const key = (v: RecordView): string | number | null => {
        if (by === 'updated') return v.updated.at;
        if (by === 'created') return v.created.at;
        if (by === 'order') return v.order;
        return sortKey(v.fields[by], locale);
      };
      const sign = direction === 'desc' ? -1 : 1;
      matches.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        // Order keys are fractional indexes: compared code unit by code unit, never by a collator.
        const c =
          typeof x === 'number' && typeof y === 'number'
            ? x - y
            : by === 'order'
              ? (x < y ? -1 : x > y ? 1 : 0)
              : collator.compare(String(x), String(y));
        return sign * c || (a.id < b.id ? -1 : 1);
      });
    }
    return { total: matches.length, records: matches.slice(request.offset, request.offset + request.limit) };
  }

  /** Every record, deleted ones included, as views (documents read the whole workspace at once). */
  *allViews(): Generator<RecordView> {
    for (const record of this.store.records.values()) yield this.view(record);
  }

  /** Live records of one kind, as views (the dashboard's and the reminders' single pass). */
  *views(kind: KindName): Generator<RecordView> {
    for (const record of this.store.records.values()) {
      if (record.kind === kind && !isDeleted(record)) yield this.view(record);
    }
  }

  /**
   * Who set a field to what, and when. For a list, what a person asks is what happened to its
   * items: every version of every item (one item's alone for `field#item`), each naming its item,
   * its value the item itself (null: removed).
   */
  history(request: z.output<typeof HistoryRequest>) {
    const record = this.#require(request.id);
    const [name, item] = splitItemKey(request.field);
    const isList = !!fieldSpec(record.kind as KindName, name)?.list;
    if (!isList) {
      const current = record.fields[request.field] ?? [];
      const past = record.history[request.field] ?? [];
      return [...current, ...past].sort(compareVersions).map((v) => ({ ...versionView(v), current: current.includes(v) }));
    }
    const keys = item !== undefined ? [request.field] : [...new Set([...Object.keys(record.fields), ...Object.keys(record.history)])].filter((k) => k.startsWith(itemKey(name, '')));
    return keys
      .flatMap((key) => {
        const current = record.fields[key] ?? [];
        const past = record.history[key] ?? [];
        return [...current, ...past].map((v) => ({ v, out: { ...itemVersionView(v), current: current.includes(v), item: splitItemKey(key)[1]! } }));
      })
      .sort((a, b) => compareVersions(a.v, b.v))
      .map(({ out }) => out);
  }

  conflicts(): RecordView[] {
    const out: RecordView[] = [];
    for (const record of this.store.records.values()) {
      const view = this.view(record);
      if (view.conflicts.length > 0) out.push(view);
    }
    return out.sort((a, b) => b.updated.at - a.updated.at);
  }

  resolve(request: z.output<typeof ResolveRequest>): Promise<RecordView> {
    return this.whenSettled(() => {
      const record = this.#require(request.id);
      const kind = record.kind as KindName;
      const view = this.view(record);
      const conflict = view.conflicts.find((c) => c.field === request.field);
      if (!conflict) throw new CoreError('not_found', `no open conflict on ${request.field}`);
      const item = splitItemKey(request.field)[1] !== undefined;
      let value: Json;
      if ('take' in request.choice) {
        const { take } = request.choice;
        const chosen = conflict.versions.find((v) => sameDot(v.dot, take));
        if (!chosen) throw new CoreError('not_found', 'that version is not part of the conflict');
        // An item's versions are shown as items: the one taken goes back with its own place.
        const raw = item ? record.fields[request.field]!.find((v) => sameDot(v.dot, take))!.value : chosen.value;
        value = conflict.kind === 'delete' ? sameDot(chosen.dot, conflict.versions[0]!.dot) : raw;
      } else {
        value = request.choice.value;
        this.#checkValue(kind, request.field, value);
        if (item && value !== null) {
          // A new value for the item, where the item is shown now (null removes it).
          const shown = fieldState(record, request.field, 'item').value;
          value = { o: isItemValue(shown) ? shown.o : 'a0', v: value };
        }
      }
      const next = writeFields(record, this.#writer(), { [request.field]: value }, { mergeAs: mergeAsFor(kind), resolve: true });
      return this.#commit([next]).then(() => this.view(next));
    });
  }

  #checkValue(kind: KindName, key: string, value: Json): void {
    if (key === DELETED) {
      if (typeof value !== 'boolean') throw new CoreError('invalid_request', 'a delete conflict takes true or false');
      return;
    }
    const [field, item] = splitItemKey(key);
    const [name, lang] = field.split('@') as [string, string | undefined];
    if (!fieldSpec(kind, name)) throw new CoreError('invalid_request', `${kind} has no field ${name}`);
    // One item of a list: checked as a list of that item (null removes it).
    if (item !== undefined) {
      if (value !== null) this.#checkFields(kind, { [name]: [value] });
      return;
    }
    this.#checkFields(kind, { [name]: lang ? { [lang]: value } : value });
  }

  async backup(reason: BackupReason): Promise<BackupInfo> {
    return this.store.withFiles((files, needs) => createBackup(this.options.dataDir, files, reason, this.store.records.size, (this.options.now ?? (() => new Date()))(), needs));
  }

  listBackups(): Promise<BackupInfo[]> {
    return listBackups(this.options.dataDir);
  }

  /** Puts a backup's records back, after a backup of the current state (so a restore can be undone). */
  restoreBackup(id: string): Promise<number> {
    return this.whenSettled(() => {
      return this.#hold(this.#restoreBackup(id));
    });
  }

  async #restoreBackup(id: string): Promise<number> {
    const known = (await this.listBackups()).some((b) => b.id === id);
    if (!known) throw new CoreError('not_found', `no backup ${id}`);
    // A backup of an earlier version (one made before a migration) is read as it was written.
    const files = await backupFiles(this.options.dataDir, id);
    // The long texts were copied beside the bucket files (and may still be in the folder's own).
    const textDirs = [...(files.length > 0 ? [path.dirname(files[0]!)] : []), path.join(this.options.dataDir, BLOBS_DIR)];
    const read = await readBucketFiles(files, this.options.schemaVersion, textDirs).catch((error: unknown) => {
      if (error instanceof WorkspaceError) throw new CoreError('invalid_request', `backup ${id} was made by a newer version`);
      throw error;
    });
    const records: SyncRecord[] = [];
    for (const record of read ?? []) {
      const parsed = SyncRecord.safeParse(record);
      if (!parsed.success || !Kind.safeParse(parsed.data.kind).success) throw new CoreError('invalid_request', `backup ${id} is damaged`);
      records.push(parsed.data);
    }
    if (!read) throw new CoreError('invalid_request', `backup ${id} is damaged`);
    await this.backup('before_restore');
    await this.store.replaceAll(records);
    const high = highWater(records, this.#replica, this.#wall());
    // Never reuse a counter: the counter only grows, even when older records come back (and
    // the clock file keeps it so across a restart).
    this.#counter = Math.max(this.#counter, high.counter);
    this.#clock.observe(high.hlc);
    return records.length;
  }

  /**
   * Merges records received from another replica (a bundle, later) into the workspace, in one
   * durable write. Returns how many were new, changed by the merge, or already known.
   */
  receive(incoming: readonly SyncRecord[]): Promise<{ added: number; changed: number; unchanged: number }> {
    return this.whenSettled(() => {
      const out: SyncRecord[] = [];
      let added = 0;
      let changed = 0;
      for (const record of incoming) {
        const local = this.store.get(record.id);
        const merged = local ? mergeRecords(local, record) : record;
        if (!local) added++;
        else if (JSON.stringify(merged) !== JSON.stringify(local)) changed++;
        else continue;
        out.push(merged);
      }
      return this.commitMerged(out, false).then(() => ({ added, changed, unchanged: incoming.length - added - changed }));
    });
  }

  /**
   * Stores records already merged with their local copies: all or nothing when `atomic` (an
   * import, with any `extras` files in the same durable step), and the clock moves past every
   * time seen (within reach of the wall clock), so the next local edit sorts after them.
   */
  async commitMerged(records: readonly SyncRecord[], atomic = true, extras: readonly JournalFile[] = []): Promise<void> {
    if (records.length === 0 && extras.length === 0) return;
    const high = highWater(records, this.#replica, this.#wall());
    // Decoding refuses such files; this guards every other way in.
    if (high.counter > MAX_INCOMING_COUNTER) throw new CoreError('invalid_request', 'an edit counter leaves no room for future edits');
    this.#clock.observe(high.hlc);
    this.#counter = Math.max(this.#counter, high.counter);
    await this.#commit(records, atomic, extras);
  }

  /**
   * Local edits written as they are given, all or none, with `extras` in the same durable step
   * (undoing an import: the reversal and the import log together). Each replaces every current
   * version of its field, as resolving a conflict does.
   */
  async writeEdits(edits: readonly { id: string; changes: Record<string, Json> }[], extras: readonly JournalFile[] = []): Promise<SyncRecord[]> {
    const writer = this.#writer();
    const next = edits.map(({ id, changes }) => {
      const record = this.#require(id);
      return writeFields(record, writer, changes, { mergeAs: mergeAsFor(record.kind as KindName), resolve: true });
    });
    await this.#commit(next, true, extras);
    return next;
  }

  /** The latest edit time among these records too far ahead of the wall clock to follow, if any. */
  aheadOfClock(records: Iterable<SyncRecord>): Hlc | null {
    return highWater(records, this.#replica, this.#wall()).ahead;
  }

  async close(): Promise<void> {
    this.searchIndex.stop();
    await this.store.flush();
    await this.clockFile.save(this.#clock.last);
  }
}

export const newReplicaId = (): ReplicaId => crypto.randomBytes(8).toString('hex');

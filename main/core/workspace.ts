import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { generateKeyBetween } from 'fractional-indexing';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { BackupInfo, BackupReason } from '../../shared/records/backups.js';
import { BACKUPS_DIR, backupFiles, createBackup, dailyBackupDue, listBackups } from './store/backups.js';
import { storageProblem } from './store/durable.js';
import { RECORDS_DIR, RecordStore, type RecordMigrations, type StoreNotice } from './store/records-store.js';
import { issuesFromZod } from '../../shared/api/errors.js';
import type { GetRequest, HistoryRequest, MoveRequest, QueryRequest, ResolveRequest, UpdateRequest } from '../../shared/records/api.js';
import { mergeAsFor, PARENT_KIND, toSyncChanges, versionView, viewRecord, type RecordView } from '../../shared/records/codec.js';
import { checkRecord, FIELD_SCHEMAS, fieldSpec, Kind, type Kind as KindName } from '../../shared/records/kinds.js';
import { HybridClock, sameDot, type ReplicaId } from '../../shared/sync/clock.js';
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
import { CoreError } from './dispatch.js';

export interface WorkspaceOptions {
  dataDir: string;
  replica: ReplicaId;
  /** The display name that goes with every edit (the profile's name). */
  author(): string;
  wall?: () => number;
  now?: () => Date;
  migrations?: RecordMigrations;
  schemaVersion?: number;
}

type Query = z.output<typeof QueryRequest>;

/** Case and accents removed, for matching typed words ("egalite" finds "Égalité"). */
const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Every string in a view's fields (all languages of a text), for plain text filtering. */
function strings(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => strings(v as Json));
  return [];
}

/** The records of a workspace and every operation on them, in plain Node. */
export class Workspace {
  readonly #views = new WeakMap<SyncRecord, RecordView>();
  /** Each record's texts, folded once, so a text filter does not fold 100,000 records per query. */
  readonly #texts = new WeakMap<RecordView, string>();
  readonly #clock: HybridClock;
  #counter: number;

  private constructor(
    readonly store: RecordStore,
    private readonly options: WorkspaceOptions,
  ) {
    const high = highWater(store.records.values(), options.replica);
    this.#counter = high.counter;
    this.#clock = new HybridClock(options.wall ?? Date.now, high.hlc);
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
        const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
        await createBackup(options.dataDir, files, 'before_migration', 0, now());
      },
    });
    const workspace = new Workspace(store, options);
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

  #writer(): Writer {
    return {
      replica: this.options.replica,
      clock: this.#clock,
      nextCounter: () => ++this.#counter,
      author: this.options.author(),
    };
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
    const orderOf = (r: SyncRecord) => (fieldState(r, ORDER, 'order').value as string | undefined) ?? '';
    for (const siblings of index.values()) {
      siblings.sort((a, b) => {
        const x = orderOf(a);
        const y = orderOf(b);
        return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
      });
    }
    return index;
  }

  #children(parentId: string, includeDeleted = false): SyncRecord[] {
    return this.#childIndex(includeDeleted).get(parentId) ?? [];
  }

  #lastOrder(parentId: string): string | null {
    const siblings = this.#children(parentId, true);
    const last = siblings.at(-1);
    return last ? ((fieldState(last, ORDER, 'order').value as string | undefined) ?? null) : null;
  }

  async create(request: { kind: KindName; parentId?: string | null; fields: Record<string, unknown> }): Promise<RecordView> {
    const fields = this.#checkNew(request.kind, request.fields);
    const parentId = this.#checkParent(request.kind, request.parentId);
    const record = this.#newRecord(request.kind, fields, parentId, this.#writer(), parentId ? this.#lastOrder(parentId) : null);
    await this.store.commit([record]);
    return this.view(record);
  }

  /** A new record's fields, checked against its kind's schema and rules. */
  #checkNew(kind: KindName, raw: Record<string, unknown>): Record<string, unknown> {
    const fields = this.#checkFields(kind, raw);
    this.#checkRules(kind, {}, fields);
    return fields;
  }

  /** A new record from checked fields, placed under its parent right after `previousOrder`. */
  #newRecord(kind: KindName, fields: Record<string, unknown>, parentId: string | null, writer: Writer, previousOrder: string | null): SyncRecord {
    const changes: Record<string, Json> = toSyncChanges(kind, fields);
    if (parentId) {
      changes[PARENT] = parentId;
      changes[ORDER] = generateKeyBetween(previousOrder, null);
    }
    return createRecord(uuidv7(), kind, writer, changes, mergeAsFor(kind));
  }

  /** A record with a change applied, checked against its kind's schema and rules; the same record when nothing changes. */
  #changed(current: SyncRecord, raw: Record<string, unknown>, writer: Writer): SyncRecord {
    const kind = current.kind as KindName;
    const fields = this.#checkFields(kind, raw);
    this.#checkRules(kind, this.view(current).fields, fields);
    const changes = toSyncChanges(kind, fields, Object.keys(current.fields));
    return Object.keys(changes).length === 0 ? current : writeFields(current, writer, changes, { mergeAs: mergeAsFor(kind) });
  }

  /**
   * Several new records written together, all or none (a NAP with its outline, a meeting's
   * template steps). An item's parent is an existing record's id or the index of an earlier item;
   * siblings keep the order they are given in.
   */
  async createMany(items: readonly { kind: KindName; parent?: string | number | null; fields: Record<string, unknown> }[]): Promise<RecordView[]> {
    const writer = this.#writer();
    const made: SyncRecord[] = [];
    const lastOrder = new Map<string, string | null>();
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
      const previous = parentId ? (lastOrder.has(parentId) ? lastOrder.get(parentId)! : this.#lastOrder(parentId)) : null;
      const record = this.#newRecord(item.kind, fields, parentId, writer, previous);
      if (parentId) lastOrder.set(parentId, fieldState(record, ORDER, 'order').value as string);
      made.push(record);
    }
    await this.store.commitAtomic(made);
    return made.map((r) => this.view(r));
  }

  /** Changes to several records written together, all or none (dates moved with their meeting). */
  async updateMany(items: readonly { id: string; fields: Record<string, unknown> }[]): Promise<RecordView[]> {
    const writer = this.#writer();
    // The same record twice: the second change applies on top of the first.
    const next = new Map<string, SyncRecord>();
    for (const item of items) next.set(item.id, this.#changed(next.get(item.id) ?? this.#requireLive(item.id), item.fields, writer));
    await this.store.commitAtomic([...next.values()]);
    return [...next.values()].map((r) => this.view(r));
  }

  async update(request: z.output<typeof UpdateRequest>): Promise<RecordView> {
    const current = this.#requireLive(request.id);
    const next = this.#changed(current, request.fields, this.#writer());
    if (next === current) return this.view(current);
    await this.store.commit([next]);
    return this.view(next);
  }

  /** Deletes a record and everything under it (each a tombstone, restorable). */
  async delete(id: string): Promise<RecordView> {
    const root = this.#requireLive(id);
    // One time for the whole cascade: restore brings back exactly what this delete took away.
    const at = this.#clock.now();
    const writer = { ...this.#writer(), clock: { now: () => at } as HybridClock };
    const doomed = [root, ...this.#descendants(id)];
    const next = doomed.map((r) => writeFields(r, writer, { [DELETED]: true }, { mergeAs: mergeAsFor(r.kind as KindName), resolve: true }));
    await this.store.commit(next);
    return this.view(next[0]!);
  }

  /** Undoes a delete: the record and the children deleted with it (not those deleted before) come back. */
  async restore(id: string): Promise<RecordView> {
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
    await this.store.commit(next);
    return this.view(next[0]!);
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

  async move(request: z.output<typeof MoveRequest>): Promise<RecordView> {
    const record = this.#requireLive(request.id);
    const kind = record.kind as KindName;
    const currentParent = fieldState(record, PARENT, 'value').value as string | undefined;
    const parentId = this.#checkParent(kind, request.parentId ?? currentParent);
    if (!parentId) throw new CoreError('invalid_request', `a ${kind} has no order`);
    const siblings = this.#children(parentId).filter((r) => r.id !== record.id);
    const orderOf = (r: SyncRecord | undefined) => (r ? ((fieldState(r, ORDER, 'order').value as string | undefined) ?? null) : null);
    let index = 0;
    if (request.after) {
      index = siblings.findIndex((r) => r.id === request.after) + 1;
      if (index === 0) throw new CoreError('not_found', `${request.after} is not a sibling`);
    }
    const key = generateKeyBetween(orderOf(siblings[index - 1]), orderOf(siblings[index]));
    const next = writeFields(record, this.#writer(), { [PARENT]: parentId, [ORDER]: key }, { mergeAs: mergeAsFor(kind) });
    await this.store.commit([next]);
    return this.view(next);
  }

  get(request: z.output<typeof GetRequest>): { record: RecordView; children: RecordView[] } {
    const record = this.#require(request.id);
    const children = request.children ? this.#descendants(request.id).map((r) => this.view(r)) : [];
    return { record: this.view(record), children };
  }

  #text(view: RecordView): string {
    let text = this.#texts.get(view);
    if (text === undefined) this.#texts.set(view, (text = folded(strings(view.fields).join('\n'))));
    return text;
  }

  query(request: Query): { total: number; records: RecordView[] } {
    const locale = request.locale ?? 'en';
    const needle = request.text ? folded(request.text) : undefined;
    const matches: RecordView[] = [];
    for (const record of this.store.records.values()) {
      if (record.kind !== request.kind) continue;
      if (!request.includeDeleted && isDeleted(record)) continue;
      const view = this.view(record);
      if (request.parentId !== undefined && view.parentId !== request.parentId) continue;
      if (request.where && !Object.entries(request.where).every(([k, v]) => view.fields[k] === v)) continue;
      if (needle && !this.#text(view).includes(needle)) continue;
      matches.push(view);
    }
    if (request.sort) {
      const { by, direction } = request.sort;
      const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
      const key = (v: RecordView): string | number | null => {
        if (by === 'updated') return v.updated.at;
        if (by === 'created') return v.created.at;
        if (by === 'order') return v.order;
        const value = v.fields[by];
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const texts = value as Record<string, string>;
          return texts[locale.split('-')[0]!] ?? Object.values(texts)[0] ?? null;
        }
        return typeof value === 'string' || typeof value === 'number' ? value : null;
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

  /** Live records of one kind, as views (the dashboard's and the reminders' single pass). */
  *views(kind: KindName): Generator<RecordView> {
    for (const record of this.store.records.values()) {
      if (record.kind === kind && !isDeleted(record)) yield this.view(record);
    }
  }

  history(request: z.output<typeof HistoryRequest>) {
    const record = this.#require(request.id);
    const current = record.fields[request.field] ?? [];
    const past = record.history[request.field] ?? [];
    return [...current, ...past]
      .sort(compareVersions)
      .map((v) => ({ ...versionView(v), current: current.includes(v) }));
  }

  conflicts(): RecordView[] {
    const out: RecordView[] = [];
    for (const record of this.store.records.values()) {
      const view = this.view(record);
      if (view.conflicts.length > 0) out.push(view);
    }
    return out.sort((a, b) => b.updated.at - a.updated.at);
  }

  async resolve(request: z.output<typeof ResolveRequest>): Promise<RecordView> {
    const record = this.#require(request.id);
    const kind = record.kind as KindName;
    const view = this.view(record);
    const conflict = view.conflicts.find((c) => c.field === request.field);
    if (!conflict) throw new CoreError('not_found', `no open conflict on ${request.field}`);
    let value: Json;
    if ('take' in request.choice) {
      const { take } = request.choice;
      const chosen = conflict.versions.find((v) => sameDot(v.dot, take));
      if (!chosen) throw new CoreError('not_found', 'that version is not part of the conflict');
      value = conflict.kind === 'delete' ? sameDot(chosen.dot, conflict.versions[0]!.dot) : chosen.value;
    } else {
      value = request.choice.value;
      this.#checkValue(kind, request.field, value);
    }
    const next = writeFields(record, this.#writer(), { [request.field]: value }, { mergeAs: mergeAsFor(kind), resolve: true });
    await this.store.commit([next]);
    return this.view(next);
  }

  #checkValue(kind: KindName, key: string, value: Json): void {
    if (key === DELETED) {
      if (typeof value !== 'boolean') throw new CoreError('invalid_request', 'a delete conflict takes true or false');
      return;
    }
    const [name, lang] = key.split('@') as [string, string | undefined];
    if (!fieldSpec(kind, name)) throw new CoreError('invalid_request', `${kind} has no field ${name}`);
    this.#checkFields(kind, { [name]: lang ? { [lang]: value } : value });
  }

  async backup(reason: BackupReason): Promise<BackupInfo> {
    return createBackup(this.options.dataDir, await this.store.files(), reason, this.store.records.size, (this.options.now ?? (() => new Date()))());
  }

  listBackups(): Promise<BackupInfo[]> {
    return listBackups(this.options.dataDir);
  }

  /** Puts a backup's records back, after a backup of the current state (so a restore can be undone). */
  async restoreBackup(id: string): Promise<number> {
    const known = (await this.listBackups()).some((b) => b.id === id);
    if (!known) throw new CoreError('not_found', `no backup ${id}`);
    const records: SyncRecord[] = [];
    for (const file of await backupFiles(this.options.dataDir, id)) {
      const data = JSON.parse(await fs.readFile(file, 'utf8')) as { records: unknown[] };
      for (const raw of data.records) {
        const parsed = SyncRecord.safeParse(raw);
        if (!parsed.success || !Kind.safeParse(parsed.data.kind).success) throw new CoreError('invalid_request', `backup ${id} is damaged`);
        records.push(parsed.data);
      }
    }
    await this.backup('before_restore');
    await this.store.replaceAll(records);
    const high = highWater(records, this.options.replica);
    // Never reuse a counter: the counter only grows, even when older records come back.
    this.#counter = Math.max(this.#counter, high.counter);
    this.#clock.observe(high.hlc);
    return records.length;
  }

  /**
   * Merges records received from another replica (a bundle, later) into the workspace, in one
   * durable write. Returns how many were new, changed by the merge, or already known.
   */
  async receive(incoming: readonly SyncRecord[]): Promise<{ added: number; changed: number; unchanged: number }> {
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
    await this.commitMerged(out, false);
    return { added, changed, unchanged: incoming.length - added - changed };
  }

  /**
   * Stores records already merged with their local copies: all or nothing when `atomic` (an
   * import), and the clock moves past every time seen, so the next local edit sorts after them.
   */
  async commitMerged(records: readonly SyncRecord[], atomic = true): Promise<void> {
    if (records.length === 0) return;
    const high = highWater(records, this.options.replica);
    this.#clock.observe(high.hlc);
    this.#counter = Math.max(this.#counter, high.counter);
    await (atomic ? this.store.commitAtomic(records) : this.store.commit(records));
  }

  close(): Promise<void> {
    return this.store.flush();
  }
}

export const newReplicaId = (): ReplicaId => crypto.randomBytes(8).toString('hex');

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import canonicalize from 'canonicalize';
import type * as Uuid from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BundleErrorCode, type ImportPreview } from '../../shared/bundle/format.js';
import type { ApiError } from '../../shared/api/errors.js';
import { Kind, KIND_NAMES } from '../../shared/records/kinds.js';
import type { RecordView } from '../../shared/records/codec.js';
import { SyncRecord } from '../../shared/sync/record.js';
import { openCore, type Core } from '../../main/core/index.js';
import { BundleError, checksumOf, decodeBundle, type DecodeOptions } from '../../main/core/bundles/codec.js';
import { IMPORT_LOG } from '../../main/core/bundles/exchange.js';
import { RecordStore } from '../../main/core/store/records-store.js';
import type { RequestOf } from '../../shared/api/contract.js';
import { ok } from './support.js';

/**
 * Mutation fuzzing of the bundle reader: thousands of bundles made from a few valid ones by
 * damaging their bytes, their text or their JSON, from a fixed seed. Every one must be either
 * read or refused with a BundleError; a sample goes through preview and apply on a real
 * workspace, which must be untouched by a refusal and sound after an accepted import.
 *
 * Deterministic end to end: the mutations come from SEED, and the base bundles are made with
 * fixed replica ids, clocks, record ids and salts, so a failure names a mutant that the same run
 * makes again.
 */

vi.mock('uuid', async (importOriginal) => {
  const actual = await importOriginal<typeof Uuid>();
  const { createHash } = await import('node:crypto');
  let n = 0;
  const v7 = () => {
    n++;
    return actual.v7({ msecs: 1_767_000_000_000 + n, seq: n, random: createHash('sha256').update(`fuzz ${n}`).digest().subarray(0, 16) });
  };
  return { ...actual, v7 };
});

const SEED = 0x5eedf0c1;
const MUTANTS = 5200;
/** Every FULL_EVERY-th mutant also goes through bundles.preview (and apply when accepted). */
const FULL_EVERY = 16;
/** …and every ACCEPTED_EVERY-th mutant the reader accepted. */
const ACCEPTED_EVERY = 4;
const PASSPHRASE = 'correct horse battery';
const PROTO = ['__', 'proto', '__'].join('');

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };
interface Slot {
  parent: Container;
  key: string | number;
  value: Json;
}

function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const walk = (value: Json) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        out.push({ parent: value, key: i, value: v });
        walk(v);
      });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        out.push({ parent: value, key: k, value: v });
        walk(v);
      }
    }
  };
  walk(root);
  return out;
}

const setOwn = (object: Container, key: string | number, value: Json) =>
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

function randomValue(rng: Rng, depth = 0): Json {
  switch (rng.int(depth > 1 ? 7 : 9)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1, 1.5, 2 ** 53, -(2 ** 53), 1e308, -0, 255, 1_750_000_000_000]);
    case 3:
      return rng.pick(['', 'x', 'maybe', 'Égalité', '文本', 'نص', '0190a6e4-0000-7000-8000-000000000000', 'a1b2c3d4e5f60718', '2025-13-45']);
    case 4:
      return 'y'.repeat(rng.pick([199, 200, 201, 1000, 1001, 40_000]));
    case 5:
      return String(rng.int(1_000_000));
    case 6:
      return rng.pick(['planned', 'open', 'done', 'nap', 'contact', 'title@en', '_deleted']);
    case 7:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: rng.int(3) }, (_, i) => [rng.pick(['r', 'c', 't', 'l', 'en', 'value', `k${i}`]), randomValue(rng, depth + 1)]));
  }
}

function typeChanged(rng: Rng, value: Json): Json {
  if (typeof value === 'number') return rng.chance(0.5) ? String(value) : [value];
  if (typeof value === 'string') return rng.chance(0.5) ? Number(value.length) : [value];
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (value === null) return rng.pick([0, '', {}, []]);
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  return Object.values(value);
}

/** A record of the bundle (plain bundles only), for mutations that keep the JSON a bundle. */
function records(root: Json): Json[] | null {
  if (root && typeof root === 'object' && !Array.isArray(root) && Array.isArray(root.records)) return root.records;
  return null;
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => !!v && typeof v === 'object' && !Array.isArray(v);

/** Mutations of one record that keep it well-formed JSON, to reach the schema and merge checks. */
function mutateRecord(rng: Rng, list: Json[]): string {
  const index = rng.int(list.length);
  const record = list[index];
  if (!isObject(record)) return 'record:not-an-object';
  const fields = isObject(record.fields) ? record.fields : {};
  const keys = Object.keys(fields);
  const anyVersion = (): { [key: string]: Json } | null => {
    const key = keys.length ? rng.pick(keys) : null;
    const versions = key ? fields[key] : null;
    return Array.isArray(versions) && isObject(versions[0]) ? versions[0] : null;
  };
  const other = list[rng.int(list.length)];
  switch (rng.int(17)) {
    case 0:
      record.kind = rng.pick([...KIND_NAMES, 'treaty', '']);
      return 'record:kind';
    case 16:
      // Another kind, keeping only the sync keys every kind has: valid, but maybe not what the receiver holds.
      record.kind = rng.pick(KIND_NAMES);
      for (const key of keys) if (!key.startsWith('_')) delete fields[key];
      return 'record:retype';
    case 1: {
      const parent = isObject(other) && typeof other.id === 'string' ? other.id : record.id!;
      fields._parent = [{ ...(anyVersion() ?? {}), value: parent }];
      return 'record:parent';
    }
    case 2:
      if (keys.length) delete fields[rng.pick(keys)];
      return 'record:drop-field';
    case 3:
      if (isObject(other) && other !== record) [record.id, other.id] = [other.id!, record.id!];
      return 'record:swap-ids';
    case 4:
      record.vv = rng.chance(0.5) ? {} : Object.fromEntries(Object.keys(isObject(record.vv) ? record.vv : {}).map((r) => [r, rng.pick([0, 1, 2 ** 31, 2 ** 53 - 1])]));
      return 'record:vv';
    case 5: {
      const v = anyVersion();
      if (v && isObject(v.dot)) v.dot.c = rng.pick([0, 1, 2, 999, -1, 1.5]);
      return 'record:dot';
    }
    case 6: {
      const v = anyVersion();
      if (v && isObject(v.hlc)) v.hlc.t = rng.pick([0, 1, 9_007_199_254_740_991, -5, 1.5]);
      return 'record:hlc';
    }
    case 7: {
      const key = keys.length ? rng.pick(keys) : null;
      const versions = key ? fields[key] : null;
      if (Array.isArray(versions) && versions.length) versions.push(structuredClone(versions[0]!));
      return 'record:same-dot-twice';
    }
    case 8: {
      const key = keys.length ? rng.pick(keys) : null;
      if (key && isObject(record.history)) {
        record.history[key] = fields[key]!;
        if (rng.chance(0.5)) delete fields[key];
      }
      return 'record:to-history';
    }
    case 9: {
      const v = anyVersion();
      if (v) v.value = rng.chance(0.5) ? null : randomValue(rng);
      return 'record:value';
    }
    case 10: {
      const v = anyVersion();
      if (v) v.ctx = rng.chance(0.5) ? {} : { a1b2c3d4e5f60718: 3 };
      return 'record:ctx';
    }
    case 11: {
      const v = anyVersion();
      if (v) v.preds = rng.chance(0.5) ? [{ r: 'ffffffffffffffff', c: 1 }] : Array.from({ length: 65 }, (_, c) => ({ r: 'ffffffffffffffff', c: c + 1 }));
      return 'record:preds';
    }
    case 12: {
      const v = anyVersion();
      if (v) v.by = 'b'.repeat(rng.pick([200, 201]));
      return 'record:by';
    }
    case 13:
      fields[rng.pick(['colour', 'title', 'title@de', 'Title', 'status@en', '_hidden', 'notes@ar'])] = [{ ...(anyVersion() ?? {}), value: randomValue(rng) }];
      return 'record:extra-field';
    case 14:
      fields._deleted = [{ ...(anyVersion() ?? {}), value: rng.pick([true, false, 'yes', 1]) }];
      return 'record:deleted';
    default:
      list.splice(index, 1);
      return 'record:remove';
  }
}

/** One mutation of the JSON tree, in place; returns its name. */
function mutateTree(rng: Rng, root: { [key: string]: Json }): string {
  const all = slots(root);
  const any = () => rng.pick(all);
  switch (rng.pick(['delete', 'duplicate', 'replace', 'type', 'huge', 'proto', 'surrogate', 'head', 'seal', 'record', 'record', 'record', 'twin'] as const)) {
    case 'twin': {
      // The same record twice (the head left as it was: count and checksum may also disagree).
      const records = root.records;
      if (Array.isArray(records) && records.length > 0) {
        const at = rng.int(records.length);
        records.splice(at + 1, 0, structuredClone(records[at]!));
      }
      return 'json:twin-record';
    }
    case 'delete': {
      const s = any();
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key];
      return 'json:delete';
    }
    case 'duplicate': {
      const s = any();
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 0, structuredClone(s.value));
      else {
        const target = rng.pick([...Object.keys(s.parent), 'extra']);
        setOwn(s.parent, target, structuredClone(s.value));
      }
      return 'json:duplicate';
    }
    case 'replace': {
      const s = any();
      setOwn(s.parent, s.key, randomValue(rng));
      return 'json:replace';
    }
    case 'type': {
      const s = any();
      setOwn(s.parent, s.key, typeChanged(rng, s.value));
      return 'json:type';
    }
    case 'huge': {
      const strings = all.filter((s) => typeof s.value === 'string');
      const s = strings.length ? rng.pick(strings) : any();
      const unit = rng.pick(['x', 'é', '文', '😀']);
      setOwn(s.parent, s.key, unit.repeat(Math.ceil((1_000_001 + rng.int(50_000)) / unit.length)));
      return 'json:huge-string';
    }
    case 'proto': {
      const objects = [root as Container, ...all.filter((s) => isObject(s.value)).map((s) => s.value as Container)];
      const target = rng.pick(objects);
      setOwn(target, rng.pick([PROTO, PROTO, 'constructor', 'prototype']), rng.chance(0.5) ? { polluted: true } : 'x');
      return 'json:forbidden-key';
    }
    case 'surrogate': {
      const strings = all.filter((s) => typeof s.value === 'string');
      const lone = rng.pick(['\ud800', '\udc00', '\udfff\ud800', '\udbff']);
      if (strings.length && rng.chance(0.8)) {
        const s = rng.pick(strings);
        const text = s.value as string;
        const at = rng.int(text.length + 1);
        setOwn(s.parent, s.key, text.slice(0, at) + lone + text.slice(at));
      } else {
        const objects = all.filter((s) => isObject(s.value));
        const target = objects.length ? (rng.pick(objects).value as Container) : root;
        setOwn(target, `k${lone}`, 1);
      }
      return 'json:lone-surrogate';
    }
    case 'head': {
      const which = rng.int(4);
      if (which === 0) setOwn(root, 'version', rng.pick<Json>([0, 2, 3, 99, -1, 1.5, '1', null, 1e308, 2]));
      else if (which === 1) setOwn(root, 'format', rng.pick<Json>(['focal-point-desk/records', 'focal-point-desk/bundle ', '', 'FOCAL-POINT-DESK/BUNDLE', 42, null]));
      else if (which === 2) setOwn(root, 'recordCount', rng.pick<Json>([0, -1, 1.5, '17', null, (typeof root.recordCount === 'number' ? root.recordCount : 0) + rng.pick([1, -1])]));
      else {
        const sum = typeof root.checksum === 'string' ? root.checksum : '';
        const at = rng.int(Math.max(1, sum.length));
        setOwn(root, 'checksum', rng.pick([sum.toUpperCase(), sum.slice(1), `${sum.slice(0, at)}${sum[at] === '0' ? '1' : '0'}${sum.slice(at + 1)}`, '']));
      }
      return 'json:head';
    }
    case 'seal': {
      const encryption = root.encryption;
      if (isObject(encryption)) {
        const key = rng.pick(['salt', 'iv', 'tag', 'cipher', 'kdf', 'N', 'r', 'p']);
        const value = encryption[key];
        if (typeof value === 'string' && value.length > 2 && rng.chance(0.7)) {
          const at = rng.int(value.length - 2);
          encryption[key] = value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
        } else encryption[key] = rng.pick<Json>([0, 1024, 1 << 21, 'scrypt', 'aes-128-gcm', '!!', null]);
      } else if (rng.chance(0.5)) {
        root.payload = 'AAAA';
      }
      return 'json:seal';
    }
    default: {
      const list = records(root);
      return list && list.length ? mutateRecord(rng, list) : 'json:no-records';
    }
  }
}

/** Count and checksum made right again, so only the mutation itself is wrong. */
function reseal(root: { [key: string]: Json }): boolean {
  const list = records(root);
  if (!list) return false;
  try {
    root.checksum = checksumOf(list as unknown as SyncRecord[]);
    root.recordCount = list.length;
    return true;
  } catch {
    return false; // a lone surrogate cannot be canonicalised: the reader refuses it before the checksum anyway
  }
}

function serialise(rng: Rng, root: Json): string {
  const style = rng.int(10);
  if (style < 7) {
    try {
      return canonicalize(root)!;
    } catch {
      // lone surrogates: JSON.stringify writes them as \uXXXX escapes
    }
  }
  return style === 9 ? JSON.stringify(root, null, 2) : JSON.stringify(root);
}

/** Seals any text the way codec.ts does, with the cheapest parameters the format allows. */
function seal(rng: Rng, text: string): string {
  const params = { N: 1024, r: 1, p: 1 };
  const salt = Buffer.from(Array.from({ length: 16 }, () => rng.int(256)));
  const iv = Buffer.from(Array.from({ length: 12 }, () => rng.int(256)));
  const key = crypto.scryptSync(PASSPHRASE.normalize('NFC'), salt, 32, { ...params, maxmem: 64 * 1024 * 1024 });
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const payload = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return canonicalize({
    format: 'focal-point-desk/bundle',
    version: 1,
    encryption: { cipher: 'aes-256-gcm', kdf: 'scrypt', ...params, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    payload: payload.toString('base64'),
  })!;
}

/*
 * Not among the mutations: JSON nested thousands of levels deep. It crashes the reader with a
 * RangeError today (see the it.fails test "refuses deeply nested JSON…" in bundles.test.ts);
 * add it here once that is fixed.
 */
const PALETTE = ['{', '}', '[', ']', '"', ':', ',', '\\', '0', '9', '-', 'e', '.', ' ', '\n', 'n', 't', 'é', '文', '\u0000', '\ufeff', '\\u', '\\ud800'];

interface Mutant {
  bytes: Uint8Array;
  /** The text the mutation made (the bytes are what the reader and preview receive). */
  content: string;
  label: string;
  options: DecodeOptions;
}

function mutate(rng: Rng, base: { content: string; encrypted: boolean }): Mutant {
  const text = base.content;
  const labels: string[] = [];
  const style = rng.int(100);
  let content: string;
  let bytes: Uint8Array | null = null;
  if (style < 10) {
    const b = Buffer.from(text, 'utf8');
    for (let k = 0, n = 1 + rng.int(3); k < n; k++) {
      const at = rng.int(b.length);
      b[at] = b[at]! ^ (1 << rng.int(8));
    }
    bytes = b;
    content = b.toString('utf8');
    labels.push('bytes:flip');
  } else if (style < 14) {
    const b = Buffer.from(text, 'utf8');
    const at = rng.int(b.length);
    bytes = Buffer.concat([b.subarray(0, at), Buffer.from(rng.pick([[0xff], [0xc3], [0xe6, 0x96], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80]])), b.subarray(at)]);
    content = Buffer.from(bytes).toString('utf8');
    labels.push('bytes:invalid-utf8');
  } else if (style < 24) {
    content = text.slice(0, rng.int(text.length));
    labels.push('text:truncate');
  } else if (style < 31) {
    content = text;
    for (let k = 0, n = 1 + rng.int(4); k < n; k++) {
      const at = rng.int(content.length + 1);
      content = content.slice(0, at) + rng.pick(PALETTE) + content.slice(at);
    }
    labels.push('text:insert');
  } else if (style < 38) {
    const at = rng.int(text.length);
    content = text.slice(0, at) + text.slice(at + 1 + rng.int(rng.chance(0.5) ? 3 : 200));
    labels.push('text:delete');
  } else if (style < 42) {
    const at = rng.int(text.length);
    const slice = text.slice(at, at + 1 + rng.int(300));
    const to = rng.int(text.length);
    content = text.slice(0, to) + slice + text.slice(to);
    labels.push('text:duplicate-slice');
  } else {
    const root = JSON.parse(text) as { [key: string]: Json };
    for (let k = 0, n = 1 + (rng.chance(0.3) ? rng.int(3) : 0); k < n; k++) labels.push(mutateTree(rng, root));
    if (rng.chance(0.6) && reseal(root)) labels.push('resealed');
    content = serialise(rng, root);
    if (!base.encrypted && rng.chance(0.08)) {
      content = seal(rng, rng.chance(0.3) ? content.slice(0, rng.int(content.length)) : content);
      labels.push('sealed-inner');
    }
  }
  const options: DecodeOptions = {};
  if (rng.chance(0.03)) {
    options.maxBytes = Math.max(0, Buffer.byteLength(text) + rng.int(200) - 100);
    labels.push('maxBytes');
  }
  if ((base.encrypted || labels.includes('sealed-inner')) && rng.chance(labels.includes('sealed-inner') ? 0.9 : 0.06) && cheapToOpen(content)) {
    options.passphrase = rng.chance(0.85) ? PASSPHRASE : 'a wrong passphrase';
    labels.push('passphrase');
  }
  return { bytes: bytes ?? Buffer.from(content, 'utf8'), content, label: labels.join('+'), options };
}

/**
 * The key derivation costs what the file says (see the it.fails test about inflated scrypt
 * parameters in bundles.test.ts): a passphrase is given only to files that ask no more than the
 * app's own cost, so that a mutant cannot stall the run for minutes.
 */
function cheapToOpen(content: string): boolean {
  try {
    const e = (JSON.parse(content) as { encryption?: { N?: unknown; r?: unknown; p?: unknown } }).encryption;
    const [N, r, p] = [e?.N, e?.r, e?.p].map((v) => (typeof v === 'number' ? v : 1));
    return N! * r! * p! <= (1 << 15) * 8;
  } catch {
    return true; // not JSON: refused before any key is derived
  }
}

// ------------------------------------------------------------------------------------------------

let dirs: string[] = [];
let cores: Core[] = [];
let logged: unknown[] = [];

async function open(name: string, replicaId: string, start: number): Promise<Core> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-fuzz-'));
  dirs.push(dir);
  // The installation's identity, fixed: the settings file as the app writes it.
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ replicaId, language: 'en', theme: 'system', profile: null, window: null }));
  let t = start;
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: (e) => logged.push(e), wall: () => (t += 1000) });
  expect(core.settings.all().replicaId).toBe(replicaId);
  cores.push(core);
  await ok(core, 'profile.set', { name, organisation: `${name}'s office`, country: 'SN', role: 'national_focal_point' });
  return core;
}

function snapshot(dir: string): string {
  const folder = path.join(dir, 'records');
  if (!fs.existsSync(folder)) return '';
  return fs.readdirSync(folder).sort().map((f) => `${f}:${fs.readFileSync(path.join(folder, f), 'utf8')}`).join('\n');
}
const importLog = (dir: string) => (fs.existsSync(path.join(dir, IMPORT_LOG)) ? fs.readFileSync(path.join(dir, IMPORT_LOG), 'utf8') : '<none>');
const sortedJson = (list: Iterable<SyncRecord>) => JSON.stringify([...list].sort((x, y) => (x.id < y.id ? -1 : 1)));
const sound = (r: unknown) => SyncRecord.safeParse(r).success && Kind.safeParse((r as SyncRecord).kind).success;

const create = (core: Core, kind: Kind, fields: Record<string, unknown>, parentId?: string) =>
  ok(core, 'records.create', parentId ? { kind, parentId, fields } : { kind, fields });

interface Base {
  name: string;
  content: string;
  encrypted: boolean;
}
let bases: Base[] = [];
let receiver: Core;

beforeAll(async () => {
  dirs = [];
  cores = [];
  logged = [];
  // A fixed time for the bundles' createdAt.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-15T10:00:00.000Z') });
  const a = await open('Amina', 'a1a1a1a1a1a1a1a1', 1_767_000_000_000);
  const b = await open('Boris', 'b2b2b2b2b2b2b2b2', 1_767_000_500_000);
  const nap = await create(a, 'nap', { title: { en: 'National Action Plan', fr: "Plan d'action national", ar: 'خطة العمل الوطنية' }, country: 'SN', generation: 2, periodStart: 2025, periodEnd: 2029 });
  const objective = await create(a, 'nap.objective', { pillar: 'participation', title: { en: 'Participation' }, description: { zh: '妇女参与和平进程' } }, nap.id);
  const action = await create(a, 'nap.action', { description: { en: 'Train mediators' }, partnerAgencies: ['UN Women'], status: 'planned', resolutions: [1325] }, objective.id);
  await create(a, 'nap.indicator', { name: { en: 'Women mediators' }, unit: '%', baselineValue: 5, targetValue: 20, measurements: [{ date: '2025-06-30', value: 7 }] }, action.id);
  const meeting = await create(a, 'meeting', {
    title: { en: 'Network meeting' },
    start: '2025-03-10T09:00:00Z',
    online: true,
    participants: [{ name: 'Li Wei', country: 'CN' }],
    agenda: [{ id: '0190a6e4-0000-7000-8000-000000000001', order: 'a0', text: 'Opening' }],
  });
  const points: RecordView[] = [];
  for (let i = 0; i < 6; i++) {
    points.push(await create(a, 'action', { title: { en: `Action point ${i}` }, status: 'open', meetingId: meeting.id, heading: 'b', number: i + 1 }));
  }
  const contact = await create(a, 'contact', { name: 'Li Wei', email: 'li.wei@example.org', languages: ['zh'] });
  await create(a, 'input', { type: 'recommendation', title: { es: 'Recomendaciones' }, napId: nap.id, targetWords: 500 });

  // Boris has work of his own, and an earlier bundle of Amina's.
  for (let i = 0; i < 8; i++) await create(b, 'contact', { name: `Boris's contact ${i}`, country: i % 2 ? 'FR' : '' });
  await create(b, 'action', { title: { en: "Boris's action point" }, status: 'in_progress' });
  const first = await ok(a, 'bundles.export', { scope: { type: 'all' } });
  const preview = await ok(b, 'bundles.preview', { content: first.content });
  await ok(b, 'bundles.apply', { previewId: preview.previewId });

  // Then both go on working: concurrent edits, a delete, new records.
  await ok(a, 'records.update', { id: points[0]!.id, fields: { status: 'done' } });
  await ok(b, 'records.update', { id: points[0]!.id, fields: { status: 'blocked' } });
  await ok(a, 'records.update', { id: nap.id, fields: { summary: { en: 'A summary.' } } });
  await ok(b, 'records.update', { id: nap.id, fields: { title: { en: 'National Action Plan (second)' } } });
  await ok(a, 'records.delete', { id: points[1]!.id });
  await ok(b, 'records.update', { id: points[2]!.id, fields: { details: { en: 'Boris adds details' } } });
  await ok(a, 'records.delete', { id: points[2]!.id });
  await ok(a, 'records.delete', { id: contact.id });
  await create(a, 'action', { title: { en: 'New action point' }, status: 'open', priority: 'high' });

  const exportOf = async (name: string, request: RequestOf<'bundles.export'>) => {
    const { content } = await ok(a, 'bundles.export', request);
    bases.push({ name, content, encrypted: 'passphrase' in request });
  };
  bases = [];
  await exportOf('all', { scope: { type: 'all' } });
  await exportOf('nap', { scope: { type: 'nap', napId: nap.id }, note: 'draft 3' });
  await exportOf('meetings', { scope: { type: 'meetings', from: '2025-03-01', to: '2025-03-31' } });
  await exportOf('selection', { scope: { type: 'selection', ids: [points[3]!.id] } });
  // A fixed salt and iv for the sealed one.
  let k = 0;
  const randomBytes = vi.spyOn(crypto, 'randomBytes').mockImplementation(((size: number) =>
    crypto.createHash('sha512').update(`salt ${k++}`).digest().subarray(0, size)) as unknown as typeof crypto.randomBytes);
  await exportOf('sealed', { scope: { type: 'nap', napId: nap.id }, passphrase: PASSPHRASE });
  randomBytes.mockRestore();
  const own = await ok(b, 'bundles.export', { scope: { type: 'all' } });
  bases.push({ name: 'receiver-own', content: own.content, encrypted: false });
  receiver = b;
  vi.useRealTimers();
});

afterAll(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const core of cores) await core.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('bundle fuzzing', () => {
  it(`reads or refuses ${MUTANTS} mutated bundles, never crashing; a sample through preview and apply changes nothing or imports soundly`, async () => {
    // The bases themselves are valid, or the run tests nothing.
    for (const base of bases) expect(() => decodeBundle(Buffer.from(base.content), { passphrase: base.encrypted ? PASSPHRASE : undefined }), base.name).not.toThrow();

    const rng = prng(SEED);
    const dir = receiver.info().dataDir;
    const crashes: string[] = [];
    const decoded = new Map<string, number>();
    const previewed = new Map<string, number>();
    let full = 0;
    let applied = 0;
    const tally = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

    for (let i = 0; i < MUTANTS; i++) {
      const base = bases[i % bases.length]!;
      const mutant = mutate(rng, base);
      const where = `#${i} ${base.name} ${mutant.label}`;

      let accepted = false;
      let refusal: unknown = null;
      try {
        const result = decodeBundle(mutant.bytes, mutant.options);
        if (result.records.length !== result.head.recordCount || !result.records.every(sound)) crashes.push(`${where}: accepted an unsound bundle`);
        tally(decoded, 'accepted');
        accepted = true;
      } catch (error) {
        if (error instanceof BundleError && BundleErrorCode.safeParse(error.problem.code).success) tally(decoded, error.problem.code);
        else crashes.push(`${where}: decodeBundle threw ${String(error)}`);
        refusal = error instanceof BundleError ? error.problem : null;
      }

      // A fixed sample, and more of the bundles the reader accepted: those are the ones that reach the merge.
      const sampled = accepted && ((decoded.get('accepted') ?? 0) % ACCEPTED_EVERY === 0 || mutant.label.includes('record:retype'));
      if (i % FULL_EVERY !== 0 && !sampled) continue;
      full++;
      const before = snapshot(dir);
      const log = importLog(dir);
      // The file's bytes, as the app and the command line send them: one reader for both.
      const envelope = await receiver.dispatch('bundles.preview', {
        bytes: Buffer.from(mutant.bytes).toString('base64'),
        ...(mutant.options.passphrase ? { passphrase: mutant.options.passphrase } : {}),
        language: rng.pick(['en', 'fr', 'ar', 'zh']),
      });
      if (!envelope.ok) {
        const error: ApiError = envelope.error;
        if (error.code !== 'invalid_request' || !error.bundle?.code) crashes.push(`${where}: preview answered ${JSON.stringify(error)}`);
        tally(previewed, error.bundle?.code ?? error.code);
        // Import refuses what the reader refuses, for the same reason; what the reader accepts it
        // may refuse only for what the workspace holds (a record of another kind, a parent here).
        // (A size limit given to the reader alone is the one difference preview cannot share.)
        const sameLimit = mutant.options.maxBytes === undefined;
        if (refusal && sameLimit && JSON.stringify(error.bundle) !== JSON.stringify(refusal)) crashes.push(`${where}: the reader said ${JSON.stringify(refusal)}, import ${JSON.stringify(error.bundle)}`);
        if (!refusal && error.bundle?.code !== 'kind_mismatch' && error.bundle?.code !== 'invalid') crashes.push(`${where}: accepted by the reader, refused by import: ${JSON.stringify(error.bundle)}`);
        if (snapshot(dir) !== before) crashes.push(`${where}: a refused preview changed the records`);
        if (importLog(dir) !== log) crashes.push(`${where}: a refused preview changed the import log`);
        continue;
      }
      tally(previewed, 'accepted');
      if (refusal && mutant.options.maxBytes === undefined) crashes.push(`${where}: refused by the reader (${JSON.stringify(refusal)}) but previewed`);
      const preview = envelope.value as ImportPreview;
      const apply = await receiver.dispatch('bundles.apply', { previewId: preview.previewId });
      if (!apply.ok) {
        crashes.push(`${where}: apply of an accepted preview failed: ${JSON.stringify(apply.error)}`);
        continue;
      }
      applied++;
      const reopened = await RecordStore.open(dir);
      if (reopened.notices.length > 0) crashes.push(`${where}: the store reopened with ${JSON.stringify(reopened.notices)}`);
      const inMemory = [...receiver.workspace!.store.records.values()];
      if (!inMemory.every(sound)) crashes.push(`${where}: an unsound record is in the workspace`);
      if (!([...reopened.records.values()].every(sound))) crashes.push(`${where}: an unsound record is on disk`);
      if (sortedJson(reopened.records.values()) !== sortedJson(inMemory)) crashes.push(`${where}: the disk and the workspace disagree`);
    }

    expect(crashes).toEqual([]);
    expect(logged).toEqual([]);
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    expect(full).toBeGreaterThanOrEqual(300);
    // The mutants reached every check of the reader, and some were still good bundles.
    expect([...decoded.keys()].sort()).toEqual(
      expect.arrayContaining([
        'accepted', 'checksum', 'duplicate_ids', 'encoding', 'forbidden_key', 'invalid', 'invalid_unicode',
        'needs_passphrase', 'not_json', 'too_large', 'too_new', 'truncated', 'wrong_format', 'wrong_passphrase',
      ]),
    );
    expect(decoded.get('accepted')).toBeGreaterThan(100);
    expect(previewed.get('accepted')).toBeGreaterThan(20);
    expect(previewed.get('kind_mismatch') ?? 0).toBeGreaterThan(0);
    expect(applied).toBe(previewed.get('accepted'));
  }, 180_000);
});

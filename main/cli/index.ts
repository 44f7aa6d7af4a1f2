/**
 * fpdesk: the command-line face of the core, for coordinators who merge many bundles and for
 * scripts. Messages follow the system language; --json prints machine-readable results.
 * Exit codes: 0 done, 1 refused or failed, 2 wrong command or options, 3 data folder in use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { API_ERROR_KEYS, ApiCallError, type ApiError } from '../../shared/api/errors.js';
import type { BundleProblem, BundleScope, HeadScope } from '../../shared/bundle/format.js';
import { bundleMessageKey, bundleMessageValues } from '../../shared/bundle/messages.js';
import { matchLanguage } from '../../shared/i18n/languages.js';
import { Kind, KIND_NAMES } from '../../shared/records/kinds.js';
import { mergeRecords, type SyncRecord } from '../../shared/sync/record.js';
import { BundleError, decodeBundle, encodeBundle } from '../core/bundles/codec.js';
import { titleOf } from '../core/bundles/exchange.js';
import { CoreError } from '../core/errors.js';
import { createMainI18n } from '../core/i18n.js';
import { openCore, type Core } from '../core/index.js';
import { acquireInstanceLock, readInstanceLock, releaseInstanceLock } from '../core/instance-lock.js';
import { APP_VERSION } from '../core/meta.js';
import { systemLocales } from '../core/paths.js';
import { storageProblem } from '../core/store/durable.js';
import type { OperationName, RequestOf, ResponseOf, StartupNotice } from '../../shared/api/contract.js';
import { printable, printableValues } from './terminal-text.js';
import { DOCUMENT_TYPES, DocumentRequest, FORMATS_OF, PARTS_OF, SOURCE_KIND, type DocumentFormat } from '../../shared/documents/request.js';
import type { DocumentType } from '../../shared/documents/model.js';
import { isLanguage } from '../../shared/i18n/languages.js';
import { viewRecord } from '../../shared/records/codec.js';
import { ACTION_POINT_STATUSES } from '../../shared/records/kinds.js';
import { renderDocument } from '../core/documents/service.js';
import { localDay } from '../../shared/records/action-points.js';
import { systemPdfPrinter } from '../core/documents/pdf.js';
import { CoreEvents } from '../core/events.js';
import { RecordStore, WorkspaceError } from '../core/store/records-store.js';
import { writeFileDurably } from '../core/store/durable.js';
import { QUERY_MAX, type SearchHit } from '../../shared/search/api.js';
import { PASSPHRASE_MIN, type SyncRound, type SyncStatus, type TeamProblem, type TeamProblemCode } from '../../shared/team/format.js';

const i18n = createMainI18n(matchLanguage(systemLocales()) ?? 'en');
const t = i18n.getFixedT(null, ['cli', 'errors']);
const tc = i18n.getFixedT(null, 'common');

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type Out = (line: string) => void;

/** A full disk or a folder that cannot be written, said in words with the file it concerns. */
function storageMessage(error: unknown): string | null {
  const problem = storageProblem(error);
  if (!problem) return null;
  const file = printable(String((error as NodeJS.ErrnoException).path ?? ''));
  if (!file) return t(`errors:api.${problem}`);
  return problem === 'disk_full' ? t('errors.diskFull', { file }) : t('errors.readOnly', { file });
}

/** What opening the data folder did that a person should know (a file set aside, a backup skipped). */
function noticeText(notice: StartupNotice): string {
  const values = printableValues({ file: notice.file });
  switch (notice.code) {
    case 'settings_corrupt':
      return tc('notices.settings_corrupt_body', values);
    case 'records_corrupt':
      return tc('notices.records_corrupt_body', values);
    case 'workspace_too_new':
      return tc('notices.workspace_too_new_body', values);
    case 'backup_skipped':
      return tc(notice.reason === 'read_only' ? 'notices.backup_skipped_read_only_body' : 'notices.backup_skipped_body', values);
  }
}


/** Records asked for at once by `records list` (the most a query answers). */
const PAGE = 10_000;

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** A refused bundle, in the person's language (the same sentences the app shows). */
export function bundleMessage(problem: BundleProblem): string {
  return t(bundleMessageKey(problem), printableValues(bundleMessageValues(problem, megabytes)));
}

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CliExit(1, t('errors.cannotRead', printableValues({ file, reason: (error as NodeJS.ErrnoException).code ?? String(error) })));
  }
}

function writeFile(file: string, content: string): void {
  try {
    fs.writeFileSync(file, content);
  } catch (error) {
    throw new CliExit(1, storageMessage(error) ?? t('errors.cannotWrite', printableValues({ file, reason: (error as NodeJS.ErrnoException).code ?? String(error) })));
  }
}

function passphrase(file: string | undefined): string | undefined {
  return file === undefined ? undefined : readFile(file).toString('utf8').replace(/\r?\n$/, '');
}

function decode(file: string, passphraseFile?: string) {
  try {
    return decodeBundle(readFile(file), { passphrase: passphrase(passphraseFile) });
  } catch (error) {
    if (error instanceof BundleError) throw new CliExit(1, bundleMessage(error.problem));
    throw error;
  }
}

type Values = Record<string, string | string[] | boolean | undefined>;

function parse(args: string[], options: ParseArgsOptionsConfig, positionals = true): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: positionals, strict: true });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (error) {
    throw new CliExit(2, (error as Error).message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseScope(text: string | undefined): BundleScope {
  if (!text) throw new CliExit(2, t('errors.missing', { what: '--scope' }));
  if (text === 'all') return { type: 'all' };
  const nap = /^nap:(.+)$/.exec(text);
  if (nap) return { type: 'nap', napId: nap[1]! };
  const meetings = /^meetings:(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (meetings) return { type: 'meetings', from: meetings[1]!, to: meetings[2]! };
  // Hand-picked records (as the Bundles page's selection): each travels with its parts.
  const ids = /^ids:(.+)$/.exec(text);
  const picked = ids ? [...new Set(ids[1]!.split(',').map((id) => id.trim()).filter(Boolean))] : [];
  if (picked.length > 0 && picked.every((id) => UUID.test(id))) return { type: 'selection', ids: picked };
  throw new CliExit(2, t('errors.badScope', { scope: printable(text) }));
}

function countByKind(records: readonly SyncRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  return counts;
}

/**
 * Opens the data folder for one command. Reading (records list, export) needs no free space and
 * no write access: when the lock file cannot be written there, the command goes on without it,
 * as long as the app is not running on the folder. Whatever opening did to the folder (a damaged
 * file set aside, a daily backup skipped) is said on stderr.
 */
async function withCore<T>(dataDir: string | undefined, run: (core: Core) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  if (!dataDir) throw new CliExit(2, t('errors.missing', { what: '--data DIR' }));
  const dir = path.resolve(dataDir);
  let locked = true;
  let other;
  try {
    other = acquireInstanceLock(dir, { pid: process.pid, url: null });
  } catch (error) {
    const problem = storageProblem(error);
    if (!problem) throw error;
    if (!options.readOnly) {
      throw new CliExit(1, problem === 'read_only' ? t('errors.dataDirReadOnly', { dataDir: printable(dir) }) : storageMessage(error)!);
    }
    locked = false;
    other = readInstanceLock(dir, process.pid);
  }
  if (other) throw new CliExit(3, t('errors.inUse', { dataDir: printable(dir) }));
  try {
    const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: systemLocales(), log: () => undefined });
    for (const notice of core.info().notices) console.error(noticeText(notice));
    try {
      return await run(core);
    } finally {
      await core.close();
    }
  } finally {
    if (locked) releaseInstanceLock(dir);
  }
}

/** An operation through the typed client; a refusal is said in words (exit 1). */
async function call<K extends OperationName>(core: Core, name: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  try {
    return await core.client.call(name, request);
  } catch (error) {
    if (error instanceof ApiCallError) return refused(core, error);
    throw error;
  }
}

/** A refused operation, said in words: exit 1. */
function refused(core: Core, error: Pick<ApiError, 'code' | 'bundle'>): never {
  if (error.bundle) throw new CliExit(1, bundleMessage(error.bundle));
  // A full disk or a folder that cannot be written: said with the folder it concerns.
  const dataDir = printable(core.info().dataDir);
  if (error.code === 'disk_full') throw new CliExit(1, t('errors.diskFull', { file: dataDir }));
  if (error.code === 'read_only') throw new CliExit(1, t('errors.dataDirReadOnly', { dataDir }));
  throw new CliExit(1, t('errors.failed', { reason: t(`errors:${API_ERROR_KEYS[error.code]}`) }));
}

function scopeText(scope: HeadScope): string {
  switch (scope.type) {
    case 'all':
      return t('out.scope_all');
    case 'nap':
      return t('out.scope_nap', { id: printable(scope.napId) });
    case 'meetings':
      return t('out.scope_meetings', { from: scope.from, to: scope.to });
    case 'selection':
      return t('out.scope_selection', { count: scope.ids.length });
    case 'team':
      return t('out.scope_team');
  }
}

export async function run(argv: string[], out: Out = console.log): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(t('usage'));
    return;
  }
  if (command === 'bundle') {
    const [sub, ...args] = rest;
    if (sub === 'inspect' || sub === 'validate') {
      const { values, positionals } = parse(args, { 'passphrase-file': { type: 'string' }, json: { type: 'boolean' } });
      if (values.help) return out(t(sub === 'inspect' ? 'help.inspect' : 'help.validate'));
      const file = positionals[0];
      if (!file) throw new CliExit(2, t('errors.missing', { what: 'FILE' }));
      const { head, records, encrypted } = decode(file, values['passphrase-file'] as string | undefined);
      const counts = countByKind(records);
      if (values.json) {
        const { checksum: _c, ...rest } = head;
        return out(JSON.stringify(sub === 'inspect' ? { ...rest, encrypted, counts } : { valid: true, records: records.length }, null, 2));
      }
      if (sub === 'validate') return out(t('out.valid', { count: records.length }));
      // Everything read from the bundle is printed through printable(): see terminal-text.ts.
      out(t('out.bundle', { id: printable(head.bundleId) }));
      out(t('out.creator', printableValues({ name: head.creator.name || '—', organisation: head.creator.organisation || '—' })));
      out(t('out.created', printableValues({ date: new Date(head.createdAt).toLocaleString(i18n.language), version: head.appVersion })));
      out(t('out.scope', { scope: scopeText(head.scope) }));
      if (head.note) out(t('out.note', { note: printable(head.note) }));
      if (encrypted) out(t('out.encrypted'));
      for (const [kind, count] of Object.entries(counts)) out(`  ${t('out.records', { kind: printable(kind), count })}`);
      return;
    }
    if (sub === 'merge') {
      const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, 'passphrase-file': { type: 'string' }, note: { type: 'string' } });
      if (values.help) return out(t('help.merge'));
      if (positionals.length < 2) throw new CliExit(2, t('errors.missing', { what: 'A B' }));
      if (!values.output) throw new CliExit(2, t('errors.missing', { what: '-o OUT' }));
      const merged = new Map<string, SyncRecord>();
      for (const file of positionals) {
        for (const record of decode(file, values['passphrase-file'] as string | undefined).records) {
          const known = merged.get(record.id);
          if (known && known.kind !== record.kind) throw new CliExit(1, bundleMessage({ code: 'kind_mismatch', id: record.id }));
          merged.set(record.id, known ? mergeRecords(known, record) : record);
        }
      }
      const content = encodeBundle({
        head: {
          bundleId: uuidv7(),
          creator: { replicaId: '0000000000000000', name: 'fpdesk bundle merge', organisation: '' },
          createdAt: new Date().toISOString(),
          appVersion: APP_VERSION,
          scope: { type: 'all' },
          note: (values.note as string | undefined) ?? positionals.map((f) => path.basename(f)).join(' + '),
        },
        records: [...merged.values()],
        passphrase: passphrase(values['passphrase-file'] as string | undefined),
      });
      writeFile(values.output as string, content);
      return out(t('out.merged', { files: positionals.length, out: printable(values.output as string), count: merged.size }));
    }
    throw new CliExit(2, t('errors.unknownCommand', { command: printable(`bundle ${sub ?? ''}`.trim()) }));
  }
  if (command === 'import') {
    const { values, positionals } = parse(rest, { data: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'passphrase-file': { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) return out(t('help.import'));
    const file = positionals[0];
    if (!file) throw new CliExit(2, t('errors.missing', { what: 'FILE' }));
    // The bytes as they are (base64), for the same reader as `bundle validate`: read as text,
    // bytes that are not UTF-8 would become replacement characters and be imported.
    const bytes = readFile(file).toString('base64');
    return withCore(values.data as string | undefined, async (core) => {
      const preview = await call(core, 'bundles.preview', {
        bytes,
        passphrase: passphrase(values['passphrase-file'] as string | undefined),
      });
      const entry = values['dry-run'] ? null : await call(core, 'bundles.apply', { previewId: preview.previewId });
      if (values.json) return out(JSON.stringify({ dryRun: !!values['dry-run'], alreadyImported: preview.alreadyImported, counts: preview.counts, backup: entry?.backupId ?? null }, null, 2));
      for (const [kind, c] of Object.entries(preview.counts)) out(t('out.preview', { kind: printable(kind), ...c }));
      if (preview.alreadyImported) out(t('out.alreadyImported'));
      out(entry ? t('out.imported', { backup: printable(entry.backupId) }) : t('out.dryRun'));
    });
  }
  if (command === 'export') {
    const { values } = parse(rest, { data: { type: 'string' }, scope: { type: 'string' }, output: { type: 'string', short: 'o' }, 'passphrase-file': { type: 'string' }, note: { type: 'string' }, compact: { type: 'boolean' } }, false);
    if (values.help) return out(t('help.export'));
    const scope = parseScope(values.scope as string | undefined);
    if (!values.output) throw new CliExit(2, t('errors.missing', { what: '-o FILE' }));
    return withCore(values.data as string | undefined, async (core) => {
      const result = await call(core, 'bundles.export', {
        scope,
        passphrase: passphrase(values['passphrase-file'] as string | undefined),
        note: values.note as string | undefined,
        compact: values.compact === true ? true : undefined,
      });
      writeFile(values.output as string, result.content);
      out(t('out.exported', { count: result.records, out: printable(values.output as string) }));
    }, { readOnly: true });
  }
  if (command === 'records') {
    const [sub, ...args] = rest;
    if (sub !== 'list') throw new CliExit(2, t('errors.unknownCommand', { command: printable(`records ${sub ?? ''}`.trim()) }));
    const { values } = parse(args, { data: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } }, false);
    if (values.help) return out(t('help.records'));
    const kinds = values.kind === undefined ? KIND_NAMES : [values.kind as string];
    for (const k of kinds) if (!Kind.safeParse(k).success) throw new CliExit(2, t('errors.badKind', { kind: printable(k) }));
    return withCore(values.data as string | undefined, async (core) => {
      const rows = [];
      for (const kind of kinds) {
        // Page by page: a query answers at most 10,000 records, a workspace may hold more.
        for (let offset = 0; ; ) {
          const page = await call(core, 'records.query', { kind: kind as Kind, limit: PAGE, offset });
          for (const r of page.records) rows.push({ id: r.id, kind: r.kind, title: titleOf(r, i18n.language), fields: r.fields });
          offset += page.records.length;
          if (page.records.length === 0 || offset >= page.total) break;
        }
      }
      if (values.json) return out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return out(t('out.noRecords'));
      for (const row of rows) out(`${printable(row.id)}  ${printable(row.kind).padEnd(14)} ${printable(row.title)}`);
    }, { readOnly: true });
  }
  if (command === 'document') return document(rest, out);
  if (command === 'search') return search(rest, out);
  if (command === 'sync') return teamSync(rest, out);
  throw new CliExit(2, t('errors.unknownCommand', { command: printable(command) }));
}

/** A kind as people call it, in the terminal's language. */
const kindName = (kind: string) => (i18n.t as unknown as (key: string) => string)(`records:kinds.${kind}`);
const OMITTABLE = { owners: 'owners', 'due-dates': 'dueDates', matrix: 'matrix', progress: 'progress' } as const;

/**
 * fpdesk document: a document from a data folder, written to a file. It only reads, from the files
 * as they are (RecordStore.readSnapshot): no lock, no backup, nothing written in the folder, so it
 * runs while the app has the folder open.
 */
async function document(args: string[], out: Out): Promise<void> {
  const [type, ...rest] = args;
  if (type === '--help' || type === '-h') return out(t('help.document'));
  const { values } = parse(rest, {
    data: { type: 'string' },
    id: { type: 'string' },
    format: { type: 'string' },
    lang: { type: 'string' },
    output: { type: 'string', short: 'o' },
    status: { type: 'string' },
    meeting: { type: 'string' },
    overdue: { type: 'boolean' },
    omit: { type: 'string' },
  }, false);
  if (values.help) return out(t('help.document'));
  if (!type) throw new CliExit(2, t('errors.missing', { what: DOCUMENT_TYPES.join('|') }));
  if (!(DOCUMENT_TYPES as readonly string[]).includes(type)) throw new CliExit(2, t('errors.badDocument', { type: printable(type) }));
  const docType = type as DocumentType;
  const format = values.format as string | undefined;
  if (!format) throw new CliExit(2, t('errors.missing', { what: '--format' }));
  const formats = FORMATS_OF[docType].filter((f) => f !== 'html');
  if (!(formats as readonly string[]).includes(format)) throw new CliExit(2, t('errors.badFormat', { format: printable(format), formats: formats.join('|') }));
  const language = (values.lang as string | undefined) ?? i18n.language;
  if (!isLanguage(language)) throw new CliExit(2, t('errors.badLanguage', { lang: printable(language) }));
  const id = values.id as string | undefined;
  if (docType === 'actions' && id !== undefined) throw new CliExit(2, t('errors.noIdForActions'));
  if (docType !== 'actions' && id === undefined) throw new CliExit(2, t('errors.missing', { what: '--id ID' }));
  if (docType !== 'actions' && (values.status !== undefined || values.meeting !== undefined || values.overdue)) throw new CliExit(2, t('errors.filtersForActions'));
  const output = values.output as string | undefined;
  if (!output) throw new CliExit(2, t('errors.missing', { what: '-o FILE' }));
  if (!values.data) throw new CliExit(2, t('errors.missing', { what: '--data DIR' }));
  const statuses = values.status === undefined ? undefined : (values.status as string).split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of statuses ?? []) if (!(ACTION_POINT_STATUSES as readonly string[]).includes(s)) throw new CliExit(2, t('errors.badStatus', { status: printable(s), statuses: ACTION_POINT_STATUSES.join(',') }));
  const omitted = values.omit === undefined ? [] : (values.omit as string).split(',').map((s) => s.trim()).filter(Boolean);
  // The --omit names of the parts this document has.
  const parts = (Object.keys(OMITTABLE) as (keyof typeof OMITTABLE)[]).filter((o) => PARTS_OF[docType].includes(OMITTABLE[o])) as string[];
  for (const o of omitted) if (!parts.includes(o)) throw new CliExit(2, t('errors.badOmit', { what: printable(o), options: parts.join(',') || '—' }));
  const meeting = values.meeting as string | undefined;

  const dataDir = path.resolve(values.data as string);
  if (!fs.existsSync(dataDir)) throw new CliExit(1, t('errors.noDataDir', { dataDir: printable(dataDir) }));
  let snapshot;
  try {
    snapshot = await RecordStore.readSnapshot(dataDir);
  } catch (error) {
    if (error instanceof WorkspaceError) throw new CliExit(1, tc('notices.workspace_too_new_body', printableValues({ file: error.detail.file })));
    throw error;
  }
  for (const file of snapshot.unreadable) console.error(t('errors.unreadableRecords', printableValues({ file })));
  const views = snapshot.records.map(viewRecord);
  // The record a document is made from, and the meeting the action points are chosen by: each must
  // be a live record of its kind (an id the request schema refuses, such as a v4 UUID, is no record).
  const expectRecord = (wanted: string, expected: string) => {
    const record = UUID.test(wanted) ? views.find((v) => v.id === wanted && !v.deleted) : undefined;
    if (!record) throw new CliExit(1, t('errors.noRecord', { id: printable(wanted) }));
    if (record.kind !== expected) throw new CliExit(1, t('errors.wrongKind', { id: printable(wanted), kind: kindName(record.kind), expected: kindName(expected) }));
  };
  if (id !== undefined) expectRecord(id, SOURCE_KIND[docType]!);
  if (meeting !== undefined) expectRecord(meeting, 'meeting');
  const request = DocumentRequest.parse({
    type: docType,
    ...(id !== undefined ? { id } : {}),
    ...(docType === 'actions' ? { actions: { ...(statuses ? { statuses } : {}), ...(meeting ? { meetingId: meeting } : {}), ...(values.overdue ? { overdueOnly: true } : {}) } } : {}),
    format: format as DocumentFormat,
    language,
    options: Object.fromEntries(omitted.map((o) => [OMITTABLE[o as keyof typeof OMITTABLE], false])),
    // The person's calendar day, not UTC's: near midnight they differ, and with them "overdue".
    today: localDay(),
  });
  const printer = format === 'pdf' ? systemPdfPrinter() : null;
  if (format === 'pdf' && !printer) throw new CliExit(1, t('errors:api.pdf_unavailable'));
  const file = path.resolve(output);
  // It only reads the data folder: a document written there could replace a bucket of records
  // (`-o DIR/records/3a.json`) or be taken for one. Compared through symbolic links, as written.
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.join(real(path.dirname(p)), path.basename(p));
    }
  };
  const realData = real(dataDir);
  const realFile = real(file);
  if (realFile === realData || realFile.startsWith(realData + path.sep)) throw new CliExit(1, t('errors.outputInData', printableValues({ file: output, dataDir: values.data as string })));
  const result = await renderDocument(() => views, { events: new CoreEvents(), pdfPrinter: () => printer }, request);
  try {
    // Whole or not at all: a failed write never leaves half a document under the name asked for.
    await writeFileDurably(file, Buffer.from(result.bytes, 'base64'));
  } catch (error) {
    throw new CliExit(1, storageMessage(error) ?? t('errors.cannotWrite', printableValues({ file: output, reason: (error as NodeJS.ErrnoException).code ?? String(error) })));
  }
  out(t('out.document', { out: printable(output) }));
}

/** Hits shown at most when --limit is not given, and the most one search answers. */
const SEARCH_LIMIT = 20;
const SEARCH_LIMIT_MAX = 500;

/**
 * A snippet with its matched words marked: bold on a terminal (unless NO_COLOR), «» when the
 * output goes to a file or a pipe, so it stays plain text a script can read. The snippet's text
 * comes from the data folder: each piece goes through printable() before any mark is added.
 */
export function markedSnippet(snippet: SearchHit['snippet'], bold: boolean): string {
  const [open, close] = bold ? ['\x1b[1m', '\x1b[22m'] : ['«', '»'];
  let text = '';
  let at = 0;
  for (const [start, end] of snippet.marks) {
    if (start < at || end > snippet.text.length || end <= start) continue;
    text += printable(snippet.text.slice(at, start)) + open + printable(snippet.text.slice(start, end)) + close;
    at = end;
  }
  text += printable(snippet.text.slice(at));
  return `${snippet.cutStart ? '…' : ''}${text}${snippet.cutEnd ? '…' : ''}`;
}

/**
 * fpdesk search: words in every text of every record of a data folder (each language version,
 * country names in the six languages), best first, as the app's search finds them. Opens the
 * folder to read only, like `records list`. Exit 0 with or without hits.
 */
async function search(args: string[], out: Out): Promise<void> {
  const { values, positionals } = parse(args, { data: { type: 'string' }, kind: { type: 'string', multiple: true }, limit: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return out(t('help.search', { max: SEARCH_LIMIT_MAX, shown: SEARCH_LIMIT }));
  // Every word after the options, or one quoted argument: `fpdesk search police training`.
  const text = positionals.join(' ').trim();
  if (!text) throw new CliExit(2, t('errors.missing', { what: 'TEXT' }));
  // --kind nap --kind meeting, or --kind nap,meeting.
  const kinds = [...new Set(((values.kind as string[] | undefined) ?? []).flatMap((k) => k.split(',')).map((k) => k.trim()).filter(Boolean))].map((k) => {
    const kind = Kind.safeParse(k);
    if (!kind.success) throw new CliExit(2, t('errors.badKind', { kind: printable(k) }));
    return kind.data;
  });
  const limitText = values.limit as string | undefined;
  const limit = limitText === undefined ? SEARCH_LIMIT : /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= SEARCH_LIMIT_MAX)) throw new CliExit(2, t('errors.badLimit', { limit: printable(limitText ?? ''), max: SEARCH_LIMIT_MAX }));
  return withCore(values.data as string | undefined, async (core) => {
    const result = await call(core, 'search', {
      // Only the first QUERY_MAX characters are searched: a pasted page is cut, not refused.
      text: cutQuery(text),
      ...(kinds.length > 0 ? { kinds } : {}),
      limit,
      locale: i18n.language,
    });
    if (values.json) return out(JSON.stringify({ total: result.total, hits: result.hits }, null, 2));
    const bold = !!process.stdout.isTTY && !process.env.NO_COLOR && out === console.log;
    for (const hit of result.hits) {
      const fields = {
        kind: kindName(hit.kind),
        title: printable(hit.title) || '—',
        parent: hit.parent ? printable(hit.parent.title) || '—' : '',
        snippet: markedSnippet(hit.snippet, bold),
      };
      out(t(hit.parent ? 'out.hitInParent' : 'out.hit', fields));
    }
    out(result.hits.length < result.total ? t('out.resultsShown', { total: result.total, shown: result.hits.length }) : t('out.results', { count: result.total }));
  }, { readOnly: true });
}

/** The query cut at QUERY_MAX characters, never inside a character. */
function cutQuery(text: string): string {
  if (text.length <= QUERY_MAX) return text;
  const end = /[\uDC00-\uDFFF]/.test(text[QUERY_MAX]!) ? QUERY_MAX - 1 : QUERY_MAX;
  return text.slice(0, end);
}

/**
 * What a team folder problem does to a round: a file set aside (damaged, or from a newer version)
 * leaves the rest read, so the round is done; anything else stopped it.
 */
const SET_ASIDE: readonly TeamProblemCode[] = ['file_refused', 'too_new'];

/** A key named by the core (errors:team.<code>, an issue's message): looked up as it comes. */
const anyKey = t as unknown as (key: string, values?: Record<string, unknown>) => string;

/** The problems that concern the folder itself: said with its path, which the sentences leave out. */
const OF_FOLDER: readonly TeamProblemCode[] = ['folder_missing', 'not_a_folder', 'folder_read_only', 'disk_full', 'inside_data'];

/**
 * A team folder problem in the person's language (the sentences the app shows), with the folder
 * or the file it concerns and, for a file set aside, why the reader refused it.
 */
export function teamProblemText(problem: TeamProblem, folder: string): string {
  const sentence = anyKey(`errors:team.${problem.code}`);
  if (problem.file) {
    const reason = problem.bundle ? ` ${bundleMessage(problem.bundle)}` : '';
    return t('errors.teamFile', { file: printable(problem.file), problem: `${sentence}${reason}` });
  }
  return OF_FOLDER.includes(problem.code) ? t('errors.teamFolder', { folder: printable(folder), problem: sentence }) : sentence;
}

/**
 * fpdesk sync: one round with a team folder, as the app's "Sync now": the data folder takes the
 * team folder (and the team passphrase) as its own, publishes its changes there, then reads what
 * the others wrote. Exit 0 when the round was done (a file of another member set aside is said
 * on stderr), 1 when the folder or the passphrase was refused, 3 when the app has DIR open.
 */
async function teamSync(args: string[], out: Out): Promise<void> {
  const { values } = parse(args, { data: { type: 'string' }, folder: { type: 'string' }, 'passphrase-file': { type: 'string' }, json: { type: 'boolean' } }, false);
  if (values.help) return out(t('help.sync', { min: PASSPHRASE_MIN }));
  if (!values.folder) throw new CliExit(2, t('errors.missing', { what: '--folder F' }));
  if (!values.data) throw new CliExit(2, t('errors.missing', { what: '--data DIR' }));
  const folder = path.resolve(values.folder as string);
  const secret = passphrase(values['passphrase-file'] as string | undefined);
  return withCore(values.data as string, async (core) => {
    try {
      await core.client.call('sync.configure', { folder, ...(secret !== undefined ? { passphrase: secret } : {}) });
    } catch (error) {
      if (!(error instanceof ApiCallError)) throw error;
      // Refused: the folder or the passphrase, each said in words (errors:team.*).
      const said = error.issues.filter((issue) => issue.message.startsWith('errors:')).map((issue) => {
        const code = /^errors:team\.(\w+)$/.exec(issue.message)?.[1];
        return code && OF_FOLDER.includes(code as TeamProblemCode) ? teamProblemText({ code: code as TeamProblemCode }, folder) : anyKey(issue.message, { min: PASSPHRASE_MIN });
      });
      if (error.code === 'invalid_request' && said.length > 0) throw new CliExit(1, [...new Set(said)].join('\n'));
      refused(core, error);
    }
    const round = await call(core, 'sync.now', {});
    const { status } = round;
    const stopped = status.problems.filter((p) => !SET_ASIDE.includes(p.code));
    const setAside = status.problems.filter((p) => SET_ASIDE.includes(p.code));
    if (values.json) out(JSON.stringify(round, null, 2));
    else printRound(round, folder, out);
    for (const problem of setAside) console.error(teamProblemText(problem, status.folder ?? folder));
    if (stopped.length > 0) throw new CliExit(1, stopped.map((p) => teamProblemText(p, status.folder ?? folder)).join('\n'));
  });
}

function printRound(round: SyncRound, folder: string, out: Out): void {
  const status: SyncStatus = round.status;
  out(t('out.syncFolder', { folder: printable(status.folder ?? folder) }));
  if (status.encrypted) out(t('out.syncEncrypted'));
  out(t('out.syncWrote', { count: round.wrote }));
  out(t('out.syncRead', { count: round.read }));
  out(t('out.syncChanged', { count: round.changed }));
  out(t('out.syncPublished', { count: round.published }));
  if (status.members.length === 0) return;
  out(t('out.syncMembers'));
  for (const member of status.members) {
    // Names come from the team's files: printable. The date is the terminal language's own (its
    // direction marks in Arabic included), so it is printed as Intl writes it.
    const values = {
      ...printableValues({ name: member.name || '—', organisation: member.organisation || '—' }),
      date: new Date(member.lastSeen).toLocaleString(i18n.language),
    };
    out(`  ${t(member.me ? 'out.syncMemberMe' : 'out.syncMember', values)}`);
  }
}

/** Entry point: runs, prints errors in the person's language, sets the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await run(argv);
    return 0;
  } catch (error) {
    if (error instanceof CliExit) {
      console.error(error.message);
      if (error.code === 2) console.error(t('usage'));
      return error.code;
    }
    const storage = storageMessage(error);
    if (storage) {
      console.error(storage);
      return 1;
    }
    if (error instanceof CoreError) {
      console.error(t('errors.failed', { reason: printable(error.message) }));
      return 1;
    }
    console.error(t('errors.failed', { reason: printable(error instanceof Error ? error.message : String(error)) }));
    return 1;
  }
}

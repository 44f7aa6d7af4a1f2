import { z } from 'zod';
import { Profile, Settings, SettingsPatch } from '../settings.js';
import { RecordView } from '../records/codec.js';
import { text } from '../records/text.js';
import { Kind, KIND_NAMES } from '../records/kinds.js';
import {
  ConflictsResponse,
  CreateRequest,
  GetRequest,
  GetResponse,
  HistoryRequest,
  HistoryResponse,
  IdRequest,
  MoveRequest,
  QueryRequest,
  QueryResponse,
  ResolveRequest,
  UpdateManyRequest,
  UpdateManyResponse,
  UpdateRequest,
} from '../records/api.js';
import { ActionSummary, ActionSummaryRequest } from '../records/action-points.js';
import { BackupInfo } from '../records/backups.js';
import {
  ApplyTemplateRequest,
  CreatedResponse,
  DuplicateRequest,
  RescheduleRequest,
  RescheduleResponse,
  SnapshotRequest,
} from '../records/workflows.js';
import { BUNDLE_MAX_BYTES, BundleBytes, BundleScope, ImportEntry, ImportPreview, UndoResult } from '../bundle/format.js';
import { LANGUAGES } from '../i18n/languages.js';
import { DocumentRequest, DocumentResponse } from '../documents/request.js';
import { PASSPHRASE_MIN, SyncConfigureRequest, SyncRound, SyncStatus } from '../team/format.js';
import { SearchMatchRequest, SearchMatchResponse, SearchRequest, SearchResponse } from '../search/api.js';

/**
 * The one API contract. Each operation is declared here once; the preload bridge, the IPC
 * handlers, the browser host's HTTP endpoints and the renderer's client are all derived from
 * this object. Adding an operation = one entry here + its handler in main/core/handlers.
 */
/** Largest request an operation accepts unless it says otherwise (the browser host's body limit). */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

const op = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  options: { maxBytes?: number; changesRecords?: boolean } = {},
) => ({
  request,
  response,
  /** Largest request accepted (the browser host's body limit); 1 MiB unless the operation says. */
  maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
  /**
   * The operation may change records: once it succeeds, the dispatcher announces what changed
   * (`records.changed`), so every window and page showing those records reloads them.
   */
  changesRecords: options.changesRecords ?? false,
});
/** An operation that may change records (see `changesRecords`). */
const CHANGES = { changesRecords: true } as const;

const Empty = z.strictObject({});

export const StartupNotice = z.object({
  /**
   * settings_corrupt / records_corrupt: a file could not be read and was set aside (`file`);
   * workspace_too_new: the data was written by a newer version of the app and is not opened;
   * backup_skipped: the daily backup could not be made (`reason`), `file` is the backups folder.
   */
  code: z.enum(['settings_corrupt', 'records_corrupt', 'workspace_too_new', 'backup_skipped']),
  file: z.string(),
  reason: z.enum(['disk_full', 'read_only']).optional(),
});
export type StartupNotice = z.infer<typeof StartupNotice>;

export const AppInfo = z.object({
  productName: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
  dataDir: z.string(),
  /** The operating system's preferred language among the six, if it is one of them. */
  systemLanguage: z.enum(LANGUAGES).nullable(),
  notices: z.array(StartupNotice),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const operations = {
  'app.info': op(Empty, AppInfo),
  'settings.get': op(Empty, Settings),
  'settings.set': op(SettingsPatch, Settings),
  'profile.get': op(Empty, Profile.nullable()),
  /** Saving a profile also completes the first-run screen. */
  'profile.set': op(Profile, Settings),

  'records.create': op(CreateRequest, RecordView, CHANGES),
  'records.update': op(UpdateRequest, RecordView, CHANGES),
  'records.updateMany': op(UpdateManyRequest, UpdateManyResponse, { maxBytes: 8 * DEFAULT_MAX_BYTES, changesRecords: true }),
  'records.delete': op(IdRequest, RecordView, CHANGES),
  'records.restore': op(IdRequest, RecordView, CHANGES),
  'records.move': op(MoveRequest, RecordView, CHANGES),
  'records.get': op(GetRequest, GetResponse),
  'records.query': op(QueryRequest, QueryResponse),
  'records.history': op(HistoryRequest, HistoryResponse),
  'naps.snapshot': op(SnapshotRequest, RecordView, CHANGES),
  'naps.duplicate': op(DuplicateRequest, RecordView, CHANGES),
  'meetings.applyTemplate': op(ApplyTemplateRequest, CreatedResponse, CHANGES),
  'meetings.reschedule': op(RescheduleRequest, RescheduleResponse, CHANGES),
  'actions.summary': op(ActionSummaryRequest, ActionSummary),
  'conflicts.list': op(Empty, ConflictsResponse),
  'conflicts.resolve': op(ResolveRequest, RecordView, CHANGES),
  'backups.list': op(Empty, z.array(BackupInfo)),
  'backups.create': op(Empty, BackupInfo),
  'backups.restore': op(z.strictObject({ id: z.string().regex(/^[\w-]{1,100}$/) }), z.object({ records: z.number().int() }), CHANGES),

  'bundles.export': op(
    z.strictObject({
      scope: BundleScope,
      passphrase: z.string().min(PASSPHRASE_MIN).max(200).optional(),
      note: text(1000).optional(),
      /** No history: the smallest file, for a first hand-over to someone who has none of these records. */
      compact: z.boolean().optional(),
    }),
    z.object({ fileName: z.string(), content: z.string(), records: z.number().int() }),
  ),
  /**
   * The file: `bytes` as read (picker, drop, the system, the command line), base64, so that the
   * core checks every byte; or `content`, a text that never was bytes read as UTF-8 (a script's
   * or a test's string). Exactly one of the two.
   */
  'bundles.preview': op(
    z
      .strictObject({
        bytes: BundleBytes.optional(),
        content: z.string().optional(),
        passphrase: z.string().max(200).optional(),
        language: z.string().max(35).optional(),
      })
      .refine((r) => (r.bytes === undefined) !== (r.content === undefined), { error: 'errors:validation.required', path: ['bytes'] }),
    ImportPreview,
    { maxBytes: BUNDLE_MAX_BYTES * 2 + DEFAULT_MAX_BYTES },
  ),
  'bundles.apply': op(z.strictObject({ previewId: z.string().max(100) }), ImportEntry, CHANGES),
  'bundles.history': op(Empty, z.array(ImportEntry)),
  'bundles.undoLast': op(Empty, UndoResult, CHANGES),

  /** A document (NAP, chair's summary, statement, action points) as .docx, PDF, .xlsx or the print view's HTML. */
  'documents.export': op(DocumentRequest, DocumentResponse, { maxBytes: 8 * DEFAULT_MAX_BYTES }),

  /**
   * The team folder (docs/team-folder.md): choose it (or null to stop) with the team passphrase;
   * a round now; where things stand. Configuring checks the folder and the passphrase against the
   * team's files and changes nothing when either is refused.
   */
  'sync.configure': op(SyncConfigureRequest, SyncStatus),
  'sync.now': op(Empty, SyncRound),
  'sync.status': op(Empty, SyncStatus),
  /** The system's folder picker (desktop app only; 'unavailable' in the browser): the folder, or null if cancelled. */
  'sync.chooseFolder': op(Empty, z.object({ folder: z.string().nullable() })),

  /** Words in every text of every record (all languages), best first, with where they were found. */
  search: op(SearchRequest, SearchResponse),
  /** The ids of one kind's records a list's search box finds (by their own texts or their items'). */
  'search.match': op(SearchMatchRequest, SearchMatchResponse),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type RequestOf<K extends OperationName> = z.input<Operations[K]['request']>;
export type ResponseOf<K extends OperationName> = z.output<Operations[K]['response']>;

export const OPERATION_NAMES = Object.keys(operations) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

/** Pushed from the core to the renderer (settings changed elsewhere, a native menu command…). */
export const PAGES = ['dashboard', 'naps', 'meetings', 'actions', 'statements', 'contacts', 'bundles', 'conflicts', 'settings'] as const;
export const Page = z.enum(PAGES);
export type Page = z.infer<typeof Page>;

/** Above this many ids, `records.changed` says "all of these kinds" instead of listing them. */
export const CHANGED_IDS_MAX = 1000;

export const RecordsChanged = z.object({
  kinds: z.array(Kind).max(KIND_NAMES.length),
  ids: z.array(z.string().max(100)).max(CHANGED_IDS_MAX).nullable(),
});
export type RecordsChanged = z.infer<typeof RecordsChanged>;

/** Which operations may change records: derived from the contract, for the dispatcher and tests. */
export const RECORD_CHANGING_OPERATIONS = (Object.keys(operations) as OperationName[]).filter((name) => operations[name].changesRecords);

export const events = {
  'settings.changed': Settings,
  navigate: z.object({ page: Page }),
  /** Long exports and imports report how far they are. */
  progress: z.object({ task: z.enum(['export', 'import', 'document']), done: z.number().int(), total: z.number().int() }),
  /** A bundle handed to the app by the system (double-click, drag onto the icon): its bytes, base64. */
  'bundle.opened': z.object({ fileName: z.string(), bytes: BundleBytes }),
  /** The team folder's status changed (a round began or ended, a member appeared, a problem). */
  'sync.status': SyncStatus,
  /**
   * Records changed: after every operation marked `changesRecords` that changed something (from
   * any window, the CLI excepted), and after a team folder round that brought changes. Pages
   * showing records of these kinds reload. `ids` is null when too many changed to list (a restore,
   * a large import): everything of those kinds is to be read again.
   */
  'records.changed': RecordsChanged,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<K extends EventName> = z.output<Events[K]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** IPC channel names carry this prefix; the preload refuses anything else (VS Code's rule). */
export const CHANNEL_PREFIX = 'fpd:';
export const EVENT_CHANNEL = 'fpd-event';
export const channelOf = (name: OperationName) => `${CHANNEL_PREFIX}${name}`;

import os from 'node:os';
import type { AppInfo, StartupNotice } from '../../shared/api/contract.js';
import { matchLanguage } from '../../shared/i18n/languages.js';
import { createDispatcher, CoreError, type Dispatch, type Handlers } from './dispatch.js';
import { CoreEvents } from './events.js';
import { APP_VERSION, PRODUCT_NAME } from './meta.js';
import { openSettings, type SettingsBackendFactory, type SettingsService } from './settings.js';
import { WorkspaceError } from './store/records-store.js';
import { Workspace } from './workspace.js';
import { BundleService } from './bundles/exchange.js';
import { TeamFolder } from './team/service.js';
import { createMainI18n } from './i18n.js';
import { summariseActionPoints } from '../../shared/records/action-points.js';
import { renderDocument } from './documents/service.js';
import { systemPdfPrinter, type PdfPrinter } from './documents/pdf.js';
import { applyTemplate, duplicateNap, reschedule, snapshotNap } from './workflows.js';

/**
 * The bytes of a bundle as the request carries them. Base64 decodes to exactly the file's bytes.
 * A text is turned into UTF-8 only when that is lossless: Buffer.from would silently write a lone
 * surrogate half as a replacement character, importing what the reader refuses.
 */
function bundleBytes(bytes: string | undefined, content: string | undefined): Buffer {
  if (bytes !== undefined) return Buffer.from(bytes, 'base64');
  if (!content!.isWellFormed()) throw new CoreError('invalid_request', 'bundle text with broken Unicode', undefined, { code: 'encoding' });
  return Buffer.from(content!, 'utf8');
}

export interface CoreOptions {
  dataDir: string;
  host: AppInfo['host'];
  /** The OS's preferred locales, best first (Electron: app.getPreferredSystemLanguages()). */
  systemLocales: readonly string[];
  /** conf by default; the Electron shell hands in electron-store. */
  settingsBackend?: SettingsBackendFactory;
  log?: (error: unknown) => void;
  /** Tests: a fixed wall clock for edit times. */
  wall?: () => number;
  /** How PDF documents are printed: Electron's printToPDF in the desktop app; the system's Chromium otherwise. */
  pdfPrinter?: PdfPrinter;
  /**
   * Build the search index in the background as soon as the workspace is open (the app), rather
   * than at the first search (a command-line run, a test).
   */
  indexAtOpen?: boolean;
  /**
   * The team folder: `watch` keeps it in step by itself (rounds at start, after edits, when the
   * folder changes, every minute: the app); without it rounds run only when asked (the command
   * line, tests). `compactAfter`: how many files of this installation make a compact file due.
   */
  team?: { watch?: boolean; compactAfter?: number; editDelayMs?: number };
  /** The system's folder picker (the desktop app): null when the person cancels. */
  chooseFolder?: () => Promise<string | null>;
}

export interface Core {
  readonly dispatch: Dispatch;
  readonly events: CoreEvents;
  readonly settings: SettingsService;
  /** Null when the workspace cannot be opened (written by a newer version: see the notices). */
  readonly workspace: Workspace | null;
  readonly bundles: BundleService | null;
  readonly team: TeamFolder | null;
  info(): AppInfo;
  /** Flushes every pending write; call before the process ends. */
  close(): Promise<void>;
}

/** The application core: plain Node, no Electron. Both hosts and the tests open it this way. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const systemLanguage = matchLanguage(options.systemLocales) ?? null;
  const settings = openSettings({
    dataDir: options.dataDir,
    backend: options.settingsBackend,
    initialLanguage: systemLanguage ?? 'en',
  });
  const events = new CoreEvents();
  const notices: StartupNotice[] = [...settings.notices];

  let workspace: Workspace | null = null;
  try {
    workspace = await Workspace.open({
      dataDir: options.dataDir,
      replica: settings.all().replicaId,
      onReplicaChange: (id) => settings.setReplicaId(id),
      // Well-formed whatever the settings hold (a name stored before names were checked): it is
      // copied into every version written from now on, and every bundle carries those.
      author: () => (settings.all().profile?.name ?? '').toWellFormed(),
      wall: options.wall,
    });
    notices.push(...workspace.notices);
    if (options.indexAtOpen) void workspace.searchIndex.start();
  } catch (error) {
    if (!(error instanceof WorkspaceError)) throw error;
    notices.push({ code: 'workspace_too_new', file: error.detail.file });
  }

  const ws = (): Workspace => {
    if (!workspace) throw new CoreError('too_new', 'the workspace was written by a newer version of the app');
    return workspace;
  };
  const bundles = workspace
    ? new BundleService(workspace, {
        dataDir: options.dataDir,
        appVersion: APP_VERSION,
        events,
        creator: () => {
          const all = settings.all();
          return {
            replicaId: all.replicaId,
            name: (all.profile?.name ?? '').toWellFormed(),
            organisation: (all.profile?.organisation ?? '').toWellFormed(),
          };
        },
      })
    : null;
  const bs = (): BundleService => {
    ws();
    return bundles!;
  };
  const team =
    workspace && bundles
      ? await TeamFolder.open(workspace, bundles, {
          dataDir: options.dataDir,
          appVersion: APP_VERSION,
          events,
          compactAfter: options.team?.compactAfter,
          editDelayMs: options.team?.editDelayMs,
          creator: () => bundles.creator(),
        })
      : null;
  if (options.team?.watch) team?.start();
  const tf = (): TeamFolder => {
    ws();
    return team!;
  };
  const changed = <T>(value: T): T => {
    events.emit('records.changed', {});
    return value;
  };

  const info = (): AppInfo => ({
    productName: PRODUCT_NAME,
    version: APP_VERSION,
    host: options.host,
    platform: `${os.platform()}-${os.arch()}`,
    dataDir: options.dataDir,
    systemLanguage,
    notices,
  });

  const handlers: Handlers = {
    'app.info': () => info(),
    'settings.get': () => settings.public(),
    'settings.set': (patch) => {
      const next = settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
    'profile.get': () => settings.public().profile,
    'profile.set': (profile) => {
      const next = settings.setProfile(profile);
      events.emit('settings.changed', next);
      return next;
    },
    'records.create': (request) => ws().create(request as Parameters<Workspace['create']>[0]),
    'records.update': (request) => ws().update(request),
    'records.updateMany': async ({ items }) => ({ updated: (await ws().updateMany(items)).length }),
    'records.delete': ({ id }) => ws().delete(id),
    'records.restore': ({ id }) => ws().restore(id),
    'records.move': (request) => ws().move(request),
    'records.get': (request) => ws().get(request),
    'records.query': (request) => ws().find(request),
    'records.history': (request) => ws().history(request),
    'naps.snapshot': ({ napId, name }) => snapshotNap(ws(), napId, name, new Date(options.wall?.() ?? Date.now())),
    'naps.duplicate': ({ id }) => duplicateNap(ws(), id),
    'meetings.applyTemplate': async ({ meetingId }) => ({
      created: await applyTemplate(ws(), meetingId, createMainI18n(settings.all().language)),
    }),
    'meetings.reschedule': ({ meetingId, apply }) => reschedule(ws(), meetingId, apply),
    'actions.summary': ({ today, limit }) => summariseActionPoints(ws().views('action'), today, limit),
    'conflicts.list': () => ws().conflicts(),
    'conflicts.resolve': (request) => ws().resolve(request),
    'backups.list': () => ws().listBackups(),
    'backups.create': () => ws().backup('manual'),
    'backups.restore': async ({ id }) => {
      const records = await ws().restoreBackup(id);
      await team?.restored();
      return changed({ records });
    },
    'bundles.export': (request) => bs().export(request),
    'bundles.preview': ({ bytes, content, passphrase, language }) => bs().preview(bundleBytes(bytes, content), passphrase, language),
    'bundles.apply': async ({ previewId }) => changed(await bs().apply(previewId)),
    'bundles.history': () => bs().history(),
    'bundles.undoLast': async () => changed(await bs().undoLast(settings.all().language)),
    'sync.configure': (request) => tf().configure(request),
    'sync.now': () => tf().syncNow(),
    'sync.status': () => tf().status(),
    'sync.chooseFolder': async () => {
      if (!options.chooseFolder) throw new CoreError('unavailable', 'no folder picker here: type the folder path');
      return { folder: await options.chooseFolder() };
    },
    search: (request) => ws().searchIndex.search(request),
    'search.match': async (request) => ({ ids: await ws().searchIndex.match(request) }),
    'documents.export': (request) => renderDocument(() => ws().allViews(), { events, pdfPrinter: () => options.pdfPrinter ?? systemPdfPrinter() }, request),
  };

  return {
    dispatch: createDispatcher(handlers, options.log),
    events,
    settings,
    workspace,
    bundles,
    team,
    info,
    close: async () => {
      await team?.close();
      await workspace?.close();
    },
  };
}

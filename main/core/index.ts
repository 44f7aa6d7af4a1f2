import os from 'node:os';
import { createApiClient, type ApiClient } from '../../shared/api/client.js';
import type { AppInfo, StartupNotice } from '../../shared/api/contract.js';
import { matchLanguage } from '../../shared/i18n/languages.js';
import { createDispatcher, type Dispatch, type Handlers } from './dispatch.js';
import { CoreError } from './errors.js';
import { CoreEvents } from './events.js';
import { APP_VERSION, PRODUCT_NAME } from './meta.js';
import { openSettings, type SettingsBackendFactory, type SettingsService } from './settings.js';
import { WorkspaceError } from './store/records-store.js';
import { Workspace } from './workspace.js';
import { BundleService } from './bundles/exchange.js';
import { TeamFolder } from './team/service.js';
import type { PdfPrinter } from './documents/pdf.js';
import type { HandlerContext } from './handlers/context.js';
import { appHandlers } from './handlers/app.js';
import { documentHandlers } from './handlers/documents.js';
import { bundleHandlers, teamHandlers } from './handlers/exchange.js';
import { recordHandlers, workflowHandlers } from './handlers/records.js';
import { ChangeFeed } from './changes.js';

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
  /** Untyped, for transports (IPC, HTTP) and tests of hostile requests: everything is checked. */
  readonly dispatch: Dispatch;
  /** The typed client over a direct transport: what the command line and tests call. */
  readonly client: ApiClient;
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
  const feed = workspace
    ? new ChangeFeed((id) => workspace.store.records.get(id)?.kind, (change) => events.emit('records.changed', change))
    : null;
  if (workspace) workspace.store.onChange((ids) => feed!.record(ids));
  const announceChanges = () => feed?.announce();
  const team =
    workspace && bundles
      ? await TeamFolder.open(workspace, bundles, {
          dataDir: options.dataDir,
          appVersion: APP_VERSION,
          events,
          compactAfter: options.team?.compactAfter,
          editDelayMs: options.team?.editDelayMs,
          announceChanges,
          creator: () => bundles.creator(),
        })
      : null;
  if (options.team?.watch) team?.start();
  const tf = (): TeamFolder => {
    ws();
    return team!;
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

  const context: HandlerContext = { options, settings, events, info, ws, bs, tf, team };
  // Each domain's handlers live in handlers/; TypeScript fails the build if one operation has none.
  const handlers: Handlers = {
    ...appHandlers(context),
    ...recordHandlers(context),
    ...workflowHandlers(context),
    ...bundleHandlers(context),
    ...teamHandlers(context),
    ...documentHandlers(context),
  };

  const dispatch = createDispatcher(handlers, options.log, announceChanges);
  return {
    dispatch,
    client: createApiClient({ call: dispatch, subscribe: (listener) => events.subscribe(listener) }),
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

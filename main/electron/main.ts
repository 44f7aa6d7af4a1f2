import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Notification, session } from 'electron';
import type { Page } from '../../shared/api/contract.js';
import { BUNDLE_EXTENSION, BUNDLE_MAX_BYTES } from '../../shared/bundle/format.js';
import { createMainI18n } from '../core/i18n.js';
import { openCore, type Core } from '../core/index.js';
import { acquireInstanceLock, releaseInstanceLock } from '../core/instance-lock.js';
import { createReminders } from '../core/reminders.js';
import { APP_ID, PRODUCT_NAME } from '../core/meta.js';
import { findDataDir } from '../core/start-args.js';
import { registerIpc } from './ipc.js';
import { applyMenu } from './menu.js';
import { electronPdfPrinter } from './pdf.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { hardenContents, hardenSession } from './security.js';
import { electronStoreBackend } from './settings-backend.js';
import { createMainWindow } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preload = path.join(here, '..', 'preload', 'preload.cjs');

// The same --data DIR as the browser host, so two instances can run side by side.
const dataArg = findDataDir(process.argv.slice(1));
if (dataArg) app.setPath('userData', path.resolve(dataArg));
app.setName(PRODUCT_NAME);
app.setAppUserModelId(APP_ID);
app.enableSandbox();
registerAppScheme();

let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;
/** Bundles the system asked the app to open before it was ready (double-click, file association). */
const pendingBundles: string[] = bundleArgs(process.argv);

function bundleArgs(argv: readonly string[]): string[] {
  return argv.slice(1).filter((a) => a.toLowerCase().endsWith(`.${BUNDLE_EXTENSION}`) && !a.startsWith('-'));
}

/** Hands a bundle file to the renderer's import screen; the core checks every byte of it. */
function openBundle(file: string): void {
  if (!core || !mainWindow) {
    pendingBundles.push(file);
    return;
  }
  try {
    if (fs.statSync(file).size > BUNDLE_MAX_BYTES) throw new Error('too large');
    core.events.emit('navigate', { page: 'bundles' });
    core.events.emit('bundle.opened', {
      fileName: path.basename(file),
      bytes: fs.readFileSync(file).toString('base64'),
    });
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  } catch (error) {
    dialog.showErrorBox(PRODUCT_NAME, `${file}: ${(error as Error).message}`);
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    for (const file of bundleArgs(argv)) openBundle(file);
  });
  // macOS delivers double-clicked files this way, possibly before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openBundle(file);
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox(PRODUCT_NAME, String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const other = acquireInstanceLock(dataDir, { pid: process.pid, url: null });
  if (other) {
    const t = createMainI18n('en').t;
    dialog.showErrorBox(PRODUCT_NAME, t('launcher.alreadyRunning', { dataDir }));
    app.exit(0);
    return;
  }
  hardenSession(session.defaultSession);
  serveRenderer(rendererDir);
  const systemLocales = app.getPreferredSystemLanguages();
  core = await openCore({
    dataDir,
    host: 'electron',
    systemLocales,
    settingsBackend: electronStoreBackend,
    pdfPrinter: electronPdfPrinter(),
    indexAtOpen: true,
    team: { watch: true },
    // The system's folder picker for Settings → Team folder, over the app's window.
    chooseFolder: async () => {
      const options = {
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      };
      const picked = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
  });
  registerIpc(core);

  const current = core;
  const i18n = createMainI18n(current.settings.all().language);
  const navigate = (page: Page) => {
    current.events.emit('navigate', { page });
    mainWindow?.show();
  };
  const about = () => {
    const info = current.info();
    void dialog.showMessageBox({
      type: 'info',
      title: i18n.t('menu:app.about'),
      message: PRODUCT_NAME,
      detail: i18n.t('menu:aboutDetail', { version: info.version, dataDir: info.dataDir }),
      buttons: [i18n.t('common:actions.ok')],
    });
  };
  const relabel = () => applyMenu(i18n.getFixedT(null, ['menu', 'common']), { navigate, about });
  relabel();
  current.events.subscribe((name, payload) => {
    if (name !== 'settings.changed') return;
    const language = (payload as { language: Parameters<typeof createMainI18n>[0] }).language;
    if (language !== i18n.language) void i18n.changeLanguage(language).then(relabel);
  });

  const openWindow = () => {
    const settings = current.settings.all();
    mainWindow = createMainWindow({
      preload,
      title: PRODUCT_NAME,
      bounds: settings.window,
      onBoundsChanged: (bounds) => current.settings.setWindow(bounds),
    });
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
    // Once the page listens, hand over the bundles that were waiting.
    mainWindow.webContents.once('did-finish-load', () => {
      for (const file of pendingBundles.splice(0)) openBundle(file);
    });
  };
  openWindow();

  // Native notifications for action points due today and overdue (switchable in Settings).
  let shown: Notification | undefined;
  const reminders = createReminders({
    core: current,
    i18n: () => i18n,
    notify: ({ title, body }) => {
      if (!Notification.isSupported()) return;
      // Held until the next one, so its click handler is not collected.
      shown = new Notification({ title, body });
      shown.on('click', () => navigate('dashboard'));
      shown.show();
    },
  });
  current.events.subscribe((name) => {
    if (name === 'settings.changed') reminders.check();
  });
  app.on('will-quit', () => reminders.stop());

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !core) return;
  // Flush whatever the core still holds before the process ends.
  event.preventDefault();
  quitting = true;
  void core.close().finally(() => {
    releaseInstanceLock(app.getPath('userData'));
    app.quit();
  });
});

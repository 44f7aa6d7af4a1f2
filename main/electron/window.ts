import { BrowserWindow, screen } from 'electron';
import type { WindowBounds } from '../../shared/settings.js';
import { APP_ORIGIN, hardenContents, SPELLCHECK_WITHOUT_DOWNLOAD } from './security.js';

const DEFAULT_SIZE = { width: 1200, height: 800 };

/** Saved bounds are used only if they still fall on a connected display (monitors come and go). */
export function visibleBounds(saved: WindowBounds | null): Partial<WindowBounds> {
  if (!saved) return DEFAULT_SIZE;
  const { x, y, width, height } = saved;
  if (x === undefined || y === undefined) return { width, height };
  const onScreen = screen.getAllDisplays().some(({ workArea: a }) =>
    x < a.x + a.width && x + width > a.x && y < a.y + a.height && y + height > a.y);
  return onScreen ? { x, y, width, height } : { width, height };
}

export interface MainWindowOptions {
  preload: string;
  title: string;
  bounds: WindowBounds | null;
  onBoundsChanged(bounds: WindowBounds): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...visibleBounds(options.bounds),
    minWidth: 720,
    minHeight: 500,
    title: options.title,
    show: false,
    backgroundColor: '#ffffff',
    // Electron's security checklist, written out here where the window is made (and where
    // electronegativity reads it): the renderer gets no Node and no Electron, only the preload's
    // bridge; tests/unit/electron-shell.test.ts asserts every value.
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: SPELLCHECK_WITHOUT_DOWNLOAD,
    },
  });
  hardenContents(window.webContents);
  if (options.bounds?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (window.isDestroyed()) return;
    const b = window.getNormalBounds();
    options.onBoundsChanged({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: window.isMaximized() });
  };
  // Moving a window fires dozens of events a second: save once it settles, and on close.
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });

  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The Electron shell, with 'electron' mocked (its binary cannot run here): the window's
 * webPreferences, the session's request filter and permission handlers, navigation and
 * window.open, the CSP in the page, the IPC sender check, the preload bridge and the localized
 * native menu.
 */
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: { options: Record<string, unknown>; webContents: FakeContents; loadURL: ReturnType<typeof vi.fn>; isDestroyed(): boolean }[] = [];
  type FakeContents = {
    listeners: Map<string, (...args: unknown[]) => void>;
    windowOpenHandler?: (details: unknown) => unknown;
    on(event: string, listener: (...args: unknown[]) => void): FakeContents;
    setWindowOpenHandler(handler: (details: unknown) => unknown): void;
    getURL(): string;
    send: ReturnType<typeof vi.fn>;
    printToPDF(options: unknown): Promise<Uint8Array>;
  };
  /** What the print window's session was told to do with requests, and a look while it prints. */
  const print: { beforeRequest?: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void; whilePrinting?: () => void; options?: unknown } = {};
  const makeContents = (): FakeContents => {
    const contents: FakeContents = {
      listeners: new Map(),
      on(event, listener) {
        contents.listeners.set(event, listener);
        return contents;
      },
      setWindowOpenHandler(handler) {
        contents.windowOpenHandler = handler;
      },
      getURL: () => 'app://focal-point-desk/index.html',
      send: vi.fn(),
      printToPDF: async (options) => {
        print.options = options;
        print.whilePrinting?.();
        return new TextEncoder().encode('%PDF-1.7');
      },
    };
    return contents;
  };
  class BrowserWindow {
    webContents = makeContents();
    loadURL = vi.fn(async () => undefined);
    constructor(public options: Record<string, unknown>) {
      windows.push(this);
    }
    once() {}
    on() {}
    maximize() {}
    show() {}
    destroyed = false;
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const exposed: Record<string, unknown> = {};
  return {
    handlers,
    windows,
    makeContents,
    exposed,
    print,
    module: {
      BrowserWindow,
      session: {
        fromPartition: vi.fn(() => ({ webRequest: { onBeforeRequest: (listener: typeof print.beforeRequest) => (print.beforeRequest = listener) } })),
      },
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
      ipcMain: {
        handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => handlers.set(channel, handler)),
        removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
      },
      ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), off: vi.fn() },
      contextBridge: { exposeInMainWorld: vi.fn((key: string, value: unknown) => (exposed[key] = value)) },
      webContents: { getAllWebContents: () => [] },
      Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
    },
  };
});
vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const { createMainWindow } = await import('../../main/electron/window.js');
const { hardenContents, hardenSession, isAppUrl, isOwnRequest, SPELLCHECK_WITHOUT_DOWNLOAD } = await import('../../main/electron/security.js');
const { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } = await import('../../main/core/csp.js');
const { registerIpc } = await import('../../main/electron/ipc.js');
const { menuTemplate } = await import('../../main/electron/menu.js');
const { OPERATION_NAMES, channelOf } = await import('../../shared/api/contract.js');
const { CoreEvents } = await import('../../main/core/events.js');
const { createMainI18n } = await import('../../main/core/i18n.js');

beforeEach(() => {
  electron.windows.length = 0;
  electron.handlers.clear();
});

describe('the main window', () => {
  it('runs the renderer sandboxed, isolated and without Node', () => {
    createMainWindow({ preload: '/app/out/preload/preload.cjs', title: 'Focal Point Desk', bounds: null, onBoundsChanged: () => {} });
    const [window] = electron.windows;
    // Exactly these: the literal in window.ts is the one place they are written.
    expect(window!.options.webPreferences).toEqual({
      preload: '/app/out/preload/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      spellcheck: SPELLCHECK_WITHOUT_DOWNLOAD,
    });
    expect(window!.loadURL).toHaveBeenCalledWith('app://focal-point-desk/index.html');
    // Navigation and window.open are guarded on the window's own contents.
    expect(window!.webContents.listeners.has('will-navigate')).toBe(true);
    expect(window!.webContents.windowOpenHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });
  });

  it('reopens where it was, unless that place is off every screen', () => {
    createMainWindow({ preload: 'p', title: 't', bounds: { x: 100, y: 50, width: 900, height: 700, maximized: false }, onBoundsChanged: () => {} });
    createMainWindow({ preload: 'p', title: 't', bounds: { x: 5000, y: 50, width: 900, height: 700, maximized: false }, onBoundsChanged: () => {} });
    expect(electron.windows[0]!.options).toMatchObject({ x: 100, y: 50, width: 900, height: 700 });
    expect(electron.windows[1]!.options).toMatchObject({ width: 900, height: 700 });
    expect(electron.windows[1]!.options.x).toBeUndefined();
  });

  it('spellchecks only where no dictionary is downloaded (macOS uses the system spellchecker)', () => {
    expect(SPELLCHECK_WITHOUT_DOWNLOAD).toBe(process.platform === 'darwin');
  });
});

describe('session and navigation', () => {
  function fakeSession() {
    return {
      webRequest: { onBeforeRequest: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setSpellCheckerEnabled: vi.fn(),
      on: vi.fn(),
    };
  }

  it('lets no request out of the app but its own files, blobs and data: URLs', () => {
    const session = fakeSession();
    hardenSession(session as never);
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    // One listener for every URL (no filter): nothing is let through by being left out of it.
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]![0] as (
      details: { url: string },
      callback: (response: { cancel?: boolean }) => void,
    ) => void;
    const cancelled = (url: string) => {
      let answer: { cancel?: boolean } | undefined;
      listener({ url }, (response) => (answer = response));
      return answer?.cancel;
    };
    for (const url of [
      'app://focal-point-desk/index.html',
      'app://focal-point-desk/assets/index-3f2a.js',
      'app://focal-point-desk/assets/noto-sans-arabic.woff2',
      'blob:app://focal-point-desk/6f1c2d3e-0000-4000-8000-000000000000',
      'data:image/png;base64,iVBORw0KGgo=',
      'devtools://devtools/bundled/devtools_app.html',
    ]) {
      expect(cancelled(url), url).toBe(false);
    }
    for (const url of [
      'http://127.0.0.1:41234/api/settings.get',
      'http://localhost:5173/',
      'https://fonts.googleapis.com/css2?family=Noto+Sans',
      'https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic',
      'http://focal-point-desk/index.html',
      'file:///etc/passwd',
      'ws://127.0.0.1:41234/',
      'wss://example.org/socket',
      'ftp://example.org/file',
      'app://other-app/index.html',
      'blob:https://example.org/6f1c2d3e',
      'blob:null/6f1c2d3e',
      'not a url',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
    expect(isOwnRequest('app://focal-point-desk/')).toBe(true);
  });

  it('turns the spellchecker off where it would download its dictionaries', () => {
    const session = fakeSession();
    hardenSession(session as never);
    if (SPELLCHECK_WITHOUT_DOWNLOAD) expect(session.setSpellCheckerEnabled).not.toHaveBeenCalled();
    else expect(session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  it('denies every permission request and check', () => {
    const session = fakeSession();
    hardenSession(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect((session.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
    expect((session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
    const onDownload = session.on.mock.calls.find(([event]) => event === 'will-download')![1] as (
      e: { preventDefault(): void },
      item: { getURL(): string },
    ) => void;
    const foreign = { preventDefault: vi.fn() };
    onDownload(foreign, { getURL: () => 'https://evil.example/payload.exe' });
    expect(foreign.preventDefault).toHaveBeenCalled();
    // The app's own exported bundles (blob: URLs of its page) may be saved.
    const bundle = { preventDefault: vi.fn() };
    onDownload(bundle, { getURL: () => 'blob:app://focal-point-desk/6f1c2d' });
    expect(bundle.preventDefault).not.toHaveBeenCalled();
  });

  it('lets the app navigate within itself only, and blocks webviews and new windows', () => {
    const contents = electron.makeContents();
    hardenContents(contents as never);
    const navigate = contents.listeners.get('will-navigate')!;
    const outside = { preventDefault: vi.fn() };
    navigate(outside, 'https://evil.example/');
    expect(outside.preventDefault).toHaveBeenCalled();
    const file = { preventDefault: vi.fn() };
    navigate(file, 'file:///etc/passwd');
    expect(file.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate(inside, 'app://focal-point-desk/index.html#/settings');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'app://focal-point-desk/' })).toEqual({ action: 'deny' });
  });

  it('recognises only the app origin', () => {
    expect(isAppUrl('app://focal-point-desk/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('http://focal-point-desk/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('content security policy', () => {
  it('is in the page itself too, the same as the header but for frame-ancestors (ignored in a meta element)', () => {
    const html = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]);
    expect(metas).toEqual([META_CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(META_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    // The meta comes before anything it governs (the icon link, the module script).
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<link'));
  });
});

describe('the PDF printer', () => {
  it('prints in a hidden window without script, whose session refuses every request but the page', async () => {
    const { electronPdfPrinter } = await import('../../main/electron/pdf.js');
    const cancelled = (url: string) => {
      let answer: { cancel?: boolean } | undefined;
      electron.print.beforeRequest!({ url }, (response) => (answer = response));
      return answer?.cancel;
    };
    const seen: Record<string, boolean | undefined> = {};
    electron.print.whilePrinting = () => {
      const page = electron.windows[0]!.loadURL.mock.calls[0]![0] as string;
      seen.page = cancelled(page);
      for (const url of ['https://fonts.example/a.woff2', 'file:///etc/passwd', 'data:text/html;base64,PHA+eA==', 'app://focal-point-desk/index.html']) seen[url] = cancelled(url);
    };
    const pdf = await electronPdfPrinter()('<!DOCTYPE html><title>x</title><p>Hello');
    expect(pdf.toString('latin1')).toBe('%PDF-1.7');
    expect(electron.module.session.fromPartition).toHaveBeenCalledWith('documents-print');
    const [window] = electron.windows;
    expect(window!.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(window!.options.webPreferences).not.toHaveProperty('preload');
    expect(window!.loadURL.mock.calls[0]![0]).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(seen).toEqual({
      page: false,
      'https://fonts.example/a.woff2': true,
      'file:///etc/passwd': true,
      'data:text/html;base64,PHA+eA==': true,
      'app://focal-point-desk/index.html': true,
    });
    expect(electron.print.options).toMatchObject({ preferCSSPageSize: true, printBackground: true, generateTaggedPDF: true });
    // Once printed, the window is gone and its page is no longer let through.
    expect(window!.isDestroyed()).toBe(true);
    expect(cancelled(window!.loadURL.mock.calls[0]![0] as string)).toBe(true);
  });
});

describe('IPC', () => {
  function fakeCore() {
    return { dispatch: vi.fn(async (name: string) => ({ ok: true, value: name })), events: new CoreEvents() };
  }

  it('registers one handler per operation of the contract, and nothing else', () => {
    registerIpc(fakeCore() as never);
    expect([...electron.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map(channelOf).sort());
  });

  it('hands calls from the app page to the core and refuses any other frame', async () => {
    const core = fakeCore();
    registerIpc(core as never);
    const handler = electron.handlers.get(channelOf('settings.get'))!;
    await expect(handler({ senderFrame: { url: 'app://focal-point-desk/index.html' } }, {})).resolves.toEqual({ ok: true, value: 'settings.get' });
    expect(core.dispatch).toHaveBeenCalledWith('settings.get', {});
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://elsewhere/']) {
      const answer = (await handler({ senderFrame: { url } }, {})) as { ok: boolean; error: { code: string } };
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const noFrame = (await handler({ senderFrame: null }, {})) as { ok: boolean };
    expect(noFrame.ok).toBe(false);
    expect(core.dispatch).toHaveBeenCalledTimes(1);
  });
});

describe('preload bridge', () => {
  it('exposes exactly one method per operation and an event subscription, under window.api', async () => {
    await import('../../main/electron/preload.js');
    expect(electron.module.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const api = electron.exposed.api as { operations: Record<string, (r: unknown) => Promise<unknown>>; onEvent: unknown };
    expect(Object.keys(api).sort()).toEqual(['onEvent', 'operations']);
    expect(Object.keys(api.operations).sort()).toEqual([...OPERATION_NAMES].sort());
    await api.operations['settings.set']!({ theme: 'dark' });
    expect(electron.module.ipcRenderer.invoke).toHaveBeenCalledWith('fpd:settings.set', { theme: 'dark' });
  });
});

describe('native menu', () => {
  const actions = { navigate: vi.fn(), about: vi.fn() };
  type Item = { label?: string; submenu?: Item[]; accelerator?: string; click?: () => void };

  it('is labelled in the UI language and relabelled when it changes', async () => {
    const i18n = createMainI18n('en');
    const english = menuTemplate(i18n.getFixedT(null, ['menu', 'common']), actions, 'linux') as Item[];
    expect(english.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Go', 'Window', 'Help']);
    await i18n.changeLanguage('ar');
    const arabic = menuTemplate(i18n.getFixedT(null, ['menu', 'common']), actions, 'linux') as Item[];
    const ar = (await import('../../locales/ar/menu.json')).default;
    expect(arabic.map((m) => m.label)).toEqual([ar.file.title, ar.edit.title, ar.view.title, ar.go.title, ar.window.title, ar.help.title]);
    // Every item is Arabic (the product name stays in Latin letters in every language).
    const latin = arabic
      .flatMap((m) => m.submenu ?? [])
      .map((item) => (item.label ?? '').replace('Focal Point Desk', ''))
      .filter((label) => /[A-Za-z]{3}/.test(label));
    expect(latin).toEqual([]);
  });

  it('has a Go menu whose shortcuts open each page', () => {
    const menu = menuTemplate(createMainI18n('en').getFixedT(null, ['menu', 'common']), actions, 'linux') as Item[];
    const go = menu.find((m) => m.label === 'Go')!.submenu!;
    expect(go.map((i) => i.accelerator)).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+3', 'CmdOrCtrl+4', 'CmdOrCtrl+5', 'CmdOrCtrl+6', 'CmdOrCtrl+7', 'CmdOrCtrl+8', 'CmdOrCtrl+9']);
    go[3]!.click!();
    expect(actions.navigate).toHaveBeenCalledWith('actions');
  });

  it('starts with the application menu on macOS', () => {
    const menu = menuTemplate(createMainI18n('fr').getFixedT(null, ['menu', 'common']), actions, 'darwin') as Item[];
    expect(menu[0]!.label).toBe('Focal Point Desk');
    expect(menu).toHaveLength(6);
  });
});

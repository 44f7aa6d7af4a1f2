import type { Session, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'focal-point-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Chromium's spellchecker downloads its Hunspell dictionaries from a Google server on Windows and
 * Linux; macOS uses the system's own spellchecker, which downloads nothing. The app spellchecks
 * only where that costs no request.
 */
export const SPELLCHECK_WITHOUT_DOWNLOAD = process.platform === 'darwin';

/** True only for the app's own pages: the check every IPC call's sender frame must pass. */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The only requests the app's session lets out: its own files (app://focal-point-desk/), the
 * blob: and data: URLs its pages make (exported files, inline images), and the DevTools' own
 * pages. Everything else — http(s) to anywhere (127.0.0.1 included), ws(s), file:, ftp:, other
 * app:// hosts — is cancelled before it starts: the desktop app never phones home.
 */
export function isOwnRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return true;
  if (url.startsWith('data:')) return true;
  try {
    return new URL(url).protocol === 'devtools:';
  } catch {
    return false;
  }
}

/**
 * The app's session: no request leaves it but its own (isOwnRequest), no permission (camera,
 * notifications via the web API, geolocation…) is ever granted to web content, no download but
 * the app's own files, no spellchecker dictionary fetched.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isOwnRequest(details.url) }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  if (!SPELLCHECK_WITHOUT_DOWNLOAD) session.setSpellCheckerEnabled(false);
  // The only downloads are the bundles and documents the app itself makes (blob: URLs of its own
  // page); with no save path set, Electron asks where to save each one.
  session.on('will-download', (event, item) => {
    if (!item.getURL().startsWith(`blob:${APP_ORIGIN}/`)) event.preventDefault();
  });
}

/** Every web contents: no navigation away from the app, no new windows, no <webview>. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

import fs from 'node:fs';
import path from 'node:path';

/*
 * Where the system's Chromium is. The browser host opens its window with it and the core prints
 * PDF with it (browser host and CLI), so it lives in the core, which both may import.
 */

const CANDIDATES: Record<string, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'brave-browser'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    `${process.env['PROGRAMFILES(X86)'] ?? ''}\\Microsoft\\Edge\\Application\\msedge.exe`,
    `${process.env.PROGRAMFILES ?? ''}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env.LOCALAPPDATA ?? ''}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** A Chromium-family browser on this machine (CHROMIUM_PATH first), or undefined. */
export function findChromium(): string | undefined {
  const override = process.env.CHROMIUM_PATH;
  if (override && fs.existsSync(override)) return override;
  for (const candidate of CANDIDATES[process.platform] ?? []) {
    const found = path.isAbsolute(candidate) ? (fs.existsSync(candidate) ? candidate : undefined) : onPath(candidate);
    if (found) return found;
  }
  return undefined;
}

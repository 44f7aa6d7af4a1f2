import { spawn, type ChildProcess } from 'node:child_process';
import { findChromium } from '../core/chromium.js';

export { findChromium };

/**
 * Opens the URL in app mode (a window without tabs or address bar) with a profile of its own in
 * the data folder, so it neither joins nor disturbs the person's usual browser session.
 */
export function openAppWindow(executable: string, url: string, profileDir: string): ChildProcess {
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  // Chromium refuses to run as root without this; only a container or a CI box runs as root.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return spawn(executable, args, { stdio: 'ignore' });
}

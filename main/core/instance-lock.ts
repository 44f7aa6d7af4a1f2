import fs from 'node:fs';
import path from 'node:path';
import { alive } from './store/durable.js';

export const LOCK_FILE = 'instance.json';

export interface RunningInstance {
  pid: number;
  /** The launch URL of a browser host (with its token), or null for the Electron app. */
  url: string | null;
}


/**
 * One running app per data folder, whichever host: two processes writing one workspace would
 * overwrite each other. Returns the instance already running, or takes the lock and returns null.
 * The file is private to the user (0600) because a browser host's URL carries its token.
 */
export function acquireInstanceLock(dataDir: string, self: RunningInstance): RunningInstance | null {
  const file = path.join(dataDir, LOCK_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(self), { flag: 'wx', mode: 0o600 });
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A full disk has no room for the lock; opening and reading must still work. Nothing can
      // be written there anyway, so going on without it only needs no other instance running.
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        const other = readInstanceLock(dataDir, self.pid);
        // An empty file the failed write may have left would block the next start.
        if (!other) fs.rmSync(file, { force: true });
        return other;
      }
      if (code !== 'EEXIST') throw error;
    }
    let other: RunningInstance | null;
    try {
      other = JSON.parse(fs.readFileSync(file, 'utf8')) as RunningInstance;
    } catch {
      other = null;
    }
    if (other && typeof other.pid === 'number' && other.pid !== self.pid && alive(other.pid)) return other;
    // Left behind by a process that died: take it over.
    fs.rmSync(file, { force: true });
  }
  throw new Error(`could not take the lock ${file}`);
}

/**
 * The instance running on a data folder, read without taking the lock (for reading a folder
 * the lock cannot be written to: read-only, or a full disk). Null when none is alive.
 */
export function readInstanceLock(dataDir: string, selfPid: number = process.pid): RunningInstance | null {
  try {
    const other = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as RunningInstance;
    return typeof other.pid === 'number' && other.pid !== selfPid && alive(other.pid) ? other : null;
  } catch {
    return null;
  }
}

export function updateInstanceLock(dataDir: string, self: RunningInstance): void {
  try {
    fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify(self), { mode: 0o600 });
  } catch (error) {
    // The URL is only there for a second launch to find this one; a full disk is no reason to stop.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOSPC' && code !== 'EDQUOT') throw error;
  }
}

export function releaseInstanceLock(dataDir: string, pid: number = process.pid): void {
  const file = path.join(dataDir, LOCK_FILE);
  try {
    const current = JSON.parse(fs.readFileSync(file, 'utf8')) as RunningInstance;
    if (current.pid === pid) fs.rmSync(file, { force: true });
  } catch {
    // nothing to release
  }
}

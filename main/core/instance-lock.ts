import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'instance.json';

export interface RunningInstance {
  pid: number;
  /** The launch URL of a browser host (with its token), or null for the Electron app. */
  url: string | null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
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

export function updateInstanceLock(dataDir: string, self: RunningInstance): void {
  fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify(self), { mode: 0o600 });
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

import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a file so that a crash or power cut at any moment leaves either the old or the new
 * content, never a mix: write a temporary file, fsync it, rename it over the target, fsync the
 * folder (so the rename itself is on disk).
 */
export async function writeFileDurably(file: string, data: string | Uint8Array, { mode = 0o600 } = {}): Promise<void> {
  const dir = path.dirname(file);
  const temp = temporaryName(dir, path.basename(file));
  try {
    const handle = await fs.open(temp, 'w', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    // A full disk fails the write half-way: the partial temporary file would hold on to the
    // space it took, and survive until the next start.
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
}

/**
 * Where a file or folder is built before it is renamed into place: `.NAME.PID.RANDOM.tmp`, so a
 * leftover is recognised (and whose it was) when the data folder is opened next.
 */
export function temporaryName(dir: string, name: string): string {
  return path.join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
}

const TEMPORARY = /^\..+\.(\d+)\.[0-9a-z]+\.tmp$/;

/** Whether a process with this id runs (EPERM: it does, under another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what interrupted writes left in a folder: temporary files and folders of this process
 * or of processes that are gone (another live process may be writing its own right now).
 * Returns how many were removed.
 */
export async function removeTemporaryFiles(dir: string): Promise<number> {
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const entry of entries) {
    const match = TEMPORARY.exec(entry);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && alive(pid)) continue;
    await fs.rm(path.join(dir, entry), { recursive: true, force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}

/** What a failed write says about the disk: full, or not writable; null for anything else. */
export type StorageProblem = 'disk_full' | 'read_only';

export function storageProblem(error: unknown): StorageProblem | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only';
  return null;
}

export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; its rename is already durable enough (NTFS journal).
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

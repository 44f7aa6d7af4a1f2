import fs from 'node:fs/promises';
import path from 'node:path';
import { BackupInfo, type BackupReason } from '../../../shared/records/backups.js';
import { syncDir, temporaryName, writeFileDurably } from './durable.js';

export const BACKUPS_DIR = 'backups';

/** How many of each kind are kept; the oldest beyond that are removed. */
export const KEEP: Record<BackupReason, number> = {
  daily: 7,
  before_import: 10,
  before_migration: 5,
  before_restore: 5,
  manual: 10,
};


const MANIFEST = 'backup.json';
const stamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

/**
 * A backup is a folder holding copies of the record files and a manifest. It is built under a
 * temporary name and renamed into place, so a half-made backup is never listed or restored.
 */
export async function createBackup(
  dataDir: string,
  files: readonly string[],
  reason: BackupReason,
  records: number,
  now: Date = new Date(),
  /** Further files a copied file needs (the long texts a bucket names), copied after it. */
  needs: (data: Buffer) => string[] = () => [],
): Promise<BackupInfo> {
  const root = path.join(dataDir, BACKUPS_DIR);
  await fs.mkdir(root, { recursive: true });
  const base = `${stamp(now)}-${reason}`;
  // Each backup is built in a folder of its own: backups made at the same time never share one.
  const temp = temporaryName(root, base);
  try {
    await fs.mkdir(path.join(temp, 'records'), { recursive: true });
    let bytes = 0;
    const copied = new Set<string>();
    const copy = async (file: string) => {
      if (copied.has(path.basename(file))) return;
      copied.add(path.basename(file));
      const data = await fs.readFile(file);
      bytes += data.length;
      await writeFileDurably(path.join(temp, 'records', path.basename(file)), data);
      // What this very copy names, not what the folder named when the list was made.
      for (const more of needs(data)) await copy(more);
    };
    for (const file of files) await copy(file);
    // The name is claimed by the rename itself: a folder that is already there (another backup
    // of the same millisecond) refuses it, and the next free name is tried.
    for (let n = 0; ; n++) {
      const id = n === 0 ? base : `${base}-${n}`;
      const info: BackupInfo = { id, reason, createdAt: now.toISOString(), records, bytes };
      if (await fs.stat(path.join(root, id)).then(() => true, () => false)) continue;
      await writeFileDurably(path.join(temp, MANIFEST), JSON.stringify(info, null, 2));
      try {
        await fs.rename(temp, path.join(root, id));
      } catch (error) {
        // Taken in the meantime (ENOTEMPTY or EEXIST; EPERM on Windows): try the next name.
        if (await fs.stat(path.join(root, id)).then(() => true, () => false)) continue;
        throw error;
      }
      await syncDir(root);
      await rotate(root, reason);
      return info;
    }
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

export async function listBackups(dataDir: string): Promise<BackupInfo[]> {
  const root = path.join(dataDir, BACKUPS_DIR);
  const entries = await fs.readdir(root).catch(() => [] as string[]);
  const out: BackupInfo[] = [];
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    try {
      const parsed = BackupInfo.safeParse(JSON.parse(await fs.readFile(path.join(root, entry, MANIFEST), 'utf8')));
      if (parsed.success && parsed.data.id === entry) out.push(parsed.data);
    } catch {
      // not a backup folder (or a damaged one): not offered
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
}

/** The record files of a backup, for restoring. */
export async function backupFiles(dataDir: string, id: string): Promise<string[]> {
  if (!/^[\w-]+$/.test(id)) throw new Error(`not a backup id: ${id}`);
  const dir = path.join(dataDir, BACKUPS_DIR, id, 'records');
  return (await fs.readdir(dir)).filter((f) => /^[0-9a-f]{2}\.json$/.test(f)).map((f) => path.join(dir, f));
}

async function rotate(root: string, reason: BackupReason): Promise<void> {
  const all = (await listBackups(path.dirname(root))).filter((b) => b.reason === reason);
  for (const old of all.slice(KEEP[reason])) await fs.rm(path.join(root, old.id), { recursive: true, force: true });
}

/** True when no daily backup was made on this calendar day (local time). */
export async function dailyBackupDue(dataDir: string, now: Date = new Date()): Promise<boolean> {
  const today = now.toDateString();
  const daily = (await listBackups(dataDir)).filter((b) => b.reason === 'daily');
  return !daily.some((b) => new Date(b.createdAt).toDateString() === today);
}

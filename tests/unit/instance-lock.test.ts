import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireInstanceLock,
  LOCK_FILE,
  releaseInstanceLock,
  updateInstanceLock,
  type RunningInstance,
} from '../../main/core/instance-lock.js';

let dir: string;
let lockFile: string;
const self: RunningInstance = { pid: process.pid, url: null };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-lock-'));
  lockFile = path.join(dir, LOCK_FILE);
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const readLock = () => JSON.parse(fs.readFileSync(lockFile, 'utf8')) as RunningInstance;

/** The pid of a process that has already exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '']);
  expect(result.status).toBe(0);
  expect(result.pid).toBeGreaterThan(0);
  return result.pid!;
}

describe('acquireInstanceLock', () => {
  it('takes a free lock: returns null and writes this instance', () => {
    expect(acquireInstanceLock(dir, self)).toBeNull();
    expect(readLock()).toEqual(self);
  });

  it('creates the data folder when it does not exist', () => {
    const nested = path.join(dir, 'new', 'folder');
    expect(acquireInstanceLock(nested, self)).toBeNull();
    expect(fs.existsSync(path.join(nested, LOCK_FILE))).toBe(true);
  });

  it('returns the other instance while its process is alive, and leaves its lock alone', () => {
    const other: RunningInstance = { pid: process.ppid, url: 'http://127.0.0.1:4321/?token=abc' };
    fs.writeFileSync(lockFile, JSON.stringify(other));
    expect(acquireInstanceLock(dir, self)).toEqual(other);
    expect(readLock()).toEqual(other);
  });

  it('a second acquire in another "process" sees the first', () => {
    const first: RunningInstance = { pid: process.pid, url: 'http://127.0.0.1:1/?token=t' };
    expect(acquireInstanceLock(dir, first)).toBeNull();
    // The parent process stands in for a second launch: the lock holder (this process) is alive.
    expect(acquireInstanceLock(dir, { pid: process.ppid, url: null })).toEqual(first);
  });

  it('takes over a lock left by a process that died', () => {
    const pid = deadPid();
    fs.writeFileSync(lockFile, JSON.stringify({ pid, url: 'http://127.0.0.1:9/?token=old' }));
    expect(acquireInstanceLock(dir, self)).toBeNull();
    expect(readLock()).toEqual(self);
  });

  it.each([
    ['empty', ''],
    ['not JSON', '{"pid":'],
    ['without a pid', '{"url":null}'],
    ['with a pid that is not a number', '{"pid":"1","url":null}'],
  ])('takes over a lock file that is %s', (_label, content) => {
    fs.writeFileSync(lockFile, content);
    expect(acquireInstanceLock(dir, self)).toBeNull();
    expect(readLock()).toEqual(self);
  });

  it('takes over a lock that names its own pid (a restart reusing the pid)', () => {
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, url: 'stale' }));
    expect(acquireInstanceLock(dir, self)).toBeNull();
    expect(readLock()).toEqual(self);
  });

  it.skipIf(process.platform === 'win32')('writes the lock file private to the user (0600)', () => {
    acquireInstanceLock(dir, { pid: process.pid, url: 'http://127.0.0.1:1/?token=secret' });
    expect(fs.statSync(lockFile).mode & 0o777).toBe(0o600);
    updateInstanceLock(dir, { pid: process.pid, url: 'http://127.0.0.1:2/?token=secret2' });
    expect(fs.statSync(lockFile).mode & 0o777).toBe(0o600);
    expect(readLock().url).toBe('http://127.0.0.1:2/?token=secret2');
  });
});

describe('releaseInstanceLock', () => {
  it('removes its own lock', () => {
    acquireInstanceLock(dir, self);
    releaseInstanceLock(dir);
    expect(fs.existsSync(lockFile)).toBe(false);
    // … after which the next launch takes it at once.
    expect(acquireInstanceLock(dir, { pid: process.ppid, url: null })).toBeNull();
  });

  it("leaves another instance's lock in place", () => {
    const other: RunningInstance = { pid: process.ppid, url: null };
    fs.writeFileSync(lockFile, JSON.stringify(other));
    releaseInstanceLock(dir, process.pid);
    expect(readLock()).toEqual(other);
  });

  it('releases by the pid it is given', () => {
    fs.writeFileSync(lockFile, JSON.stringify({ pid: 12345, url: null }));
    releaseInstanceLock(dir, 12345);
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('does nothing when there is no lock or it is unreadable', () => {
    expect(() => releaseInstanceLock(dir)).not.toThrow();
    fs.writeFileSync(lockFile, 'garbage');
    expect(() => releaseInstanceLock(dir)).not.toThrow();
    expect(fs.readFileSync(lockFile, 'utf8')).toBe('garbage');
  });
});

describe('on a full disk', () => {
  it('opens without the lock (nothing can be written anyway), unless another instance is running', async () => {
    const { fillDisk } = await import('../integration/full-disk.js');
    const undo = fillDisk(dir);
    try {
      expect(acquireInstanceLock(dir, self)).toBeNull();
      expect(fs.existsSync(lockFile)).toBe(false);
      expect(() => updateInstanceLock(dir, { pid: process.pid, url: 'http://127.0.0.1:1/#t' })).not.toThrow();
    } finally {
      undo();
    }
    const other: RunningInstance = { pid: process.ppid, url: null };
    fs.writeFileSync(lockFile, JSON.stringify(other));
    const undoAgain = fillDisk(dir);
    try {
      expect(acquireInstanceLock(dir, self)).toEqual(other);
    } finally {
      undoAgain();
    }
  });
});

/**
 * A full disk, simulated without root: every call that would take space under one folder fails
 * with ENOSPC, the way a full file system answers (a file may be created, writing into it fails);
 * reading, renaming and removing still work. In-process: fillDisk(dir) / the returned undo.
 * In a child process: `node --import tsx --import tests/integration/full-disk.ts …` with
 * FPDESK_TEST_FULL_DISK=DIR in its environment.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const enospc = (file: string, syscall: string) =>
  Object.assign(new Error(`ENOSPC: no space left on device, ${syscall} '${file}'`), { code: 'ENOSPC', errno: -28, syscall, path: file });

type Fn = (...args: never[]) => unknown;

/** Makes every write under `dir` fail with ENOSPC until the returned function is called. */
export function fillDisk(
  dir: string,
  options: {
    /** Another error code than ENOSPC (EROFS, EACCES…). */
    code?: string;
    /** Awaited before a write into a file fails: a test holds a flush there. */
    beforeFailing?: (file: string) => Promise<void>;
    /** Only paths this matches are refused (a disk that fills up half-way through a flush). */
    only?: RegExp;
  } = {},
): () => void {
  const root = path.resolve(dir);
  const under = (file: unknown) => {
    if (typeof file !== 'string' && !(file instanceof URL)) return false;
    const p = path.resolve(String(file instanceof URL ? file.pathname : file));
    return (p === root || p.startsWith(root + path.sep)) && (!options.only || options.only.test(p));
  };
  const fail = (file: string, syscall: string) => {
    const error = enospc(file, syscall);
    if (options.code) Object.assign(error, { code: options.code, message: `${options.code}: ${syscall} '${file}'` });
    return error;
  };
  const writes = (flags: unknown) => typeof flags === 'string' && /[wax+]/.test(flags);
  const saved: [object, string, Fn][] = [];
  const patch = (target: object, name: string, make: (original: Fn) => Fn) => {
    const original = (target as Record<string, Fn>)[name]!;
    saved.push([target, name, original]);
    (target as Record<string, Fn>)[name] = make(original);
  };
  const p = fs.promises;

  patch(p, 'open', (original) => (async (file: string, flags: string, mode?: number) => {
    const handle = (await (original as (...a: unknown[]) => Promise<fs.promises.FileHandle>)(file, flags, mode));
    if (under(file) && writes(flags)) {
      for (const name of ['writeFile', 'write', 'appendFile'] as const) {
        (handle as unknown as Record<string, Fn>)[name] = (async () => {
          await options.beforeFailing?.(file);
          throw fail(file, 'write');
        }) as Fn;
      }
    }
    return handle;
  }) as Fn);
  for (const name of ['writeFile', 'appendFile', 'copyFile', 'mkdtemp'] as const) {
    patch(p, name, (original) => ((file: string, ...rest: never[]) =>
      under(name === 'copyFile' ? rest[0] : file) ? Promise.reject(fail(file, name)) : original(file as never, ...rest)) as Fn);
  }
  patch(p, 'mkdir', (original) => ((file: string, ...rest: never[]) =>
    under(file) && !fs.existsSync(file) ? Promise.reject(fail(file, 'mkdir')) : original(file as never, ...rest)) as Fn);
  for (const name of ['writeFileSync', 'appendFileSync', 'copyFileSync'] as const) {
    patch(fs, name, (original) => ((file: string, ...rest: never[]) => {
      // Creating a file exclusively that is already there fails as it would anyway (EEXIST).
      const exclusive = (rest[1] as { flag?: string } | undefined)?.flag?.includes('x') && fs.existsSync(file);
      if (under(name === 'copyFileSync' ? rest[0] : file) && !exclusive) throw fail(file, name);
      return original(file as never, ...rest);
    }) as Fn);
  }
  patch(fs, 'mkdirSync', (original) => ((file: string, ...rest: never[]) => {
    if (under(file) && !fs.existsSync(file)) throw fail(file, 'mkdir');
    return original(file as never, ...rest);
  }) as Fn);
  patch(fs, 'openSync', (original) => ((file: string, flags: unknown, ...rest: never[]) => {
    if (under(file) && writes(flags)) throw fail(String(file), 'open');
    return original(file as never, flags as never, ...rest);
  }) as Fn);
  syncBuiltinESMExports();
  return () => {
    for (const [target, name, original] of saved.reverse()) (target as Record<string, Fn>)[name] = original;
    syncBuiltinESMExports();
  };
}

if (process.env.FPDESK_TEST_FULL_DISK) fillDisk(process.env.FPDESK_TEST_FULL_DISK, { code: process.env.FPDESK_TEST_FULL_DISK_CODE });

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: 'not_installed' | 'no_package' };

/**
 * Where the Electron executable is, found the way the electron package itself finds it
 * (path.txt + dist/), but without requiring the package: requiring it tries to download.
 */
export function findElectronBinary(fromDir: string): ElectronBinary {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(createRequire(path.join(fromDir, 'noop.js')).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'no_package' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override
    ? path.join(override, relative ?? 'electron')
    : relative
      ? path.join(pkgDir, 'dist', relative)
      : undefined;
  return full && fs.existsSync(full) ? { found: true, path: full } : { found: false, reason: 'not_installed' };
}

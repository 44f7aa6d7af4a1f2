import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support.js';

const run = promisify(execFile);

/**
 * The installer configuration, checked offline: electron-builder's `dir` target with a stand-in
 * Electron runtime (the real one cannot be downloaded here) must package the built app and only
 * the run-time dependencies.
 */
describe('packaging', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-package-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('puts the main process, preload, renderer and run-time dependencies into app.asar', async () => {
    const electronDist = path.join(work, 'electron-dist');
    fs.mkdirSync(electronDist);
    fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
    fs.writeFileSync(path.join(electronDist, 'version'), version);
    fs.writeFileSync(path.join(electronDist, 'LICENSE'), '');
    fs.writeFileSync(path.join(electronDist, 'LICENSES.chromium.html'), '');
    const output = path.join(work, 'dist');
    await run(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/electron-builder/cli.js'),
        '--config', 'build/electron-builder.yml',
        '--linux', 'dir',
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${version}`,
        `-c.directories.output=${output}`,
      ],
      { cwd: ROOT, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    );
    const asar = path.join(output, 'linux-unpacked', 'resources', 'app.asar');
    const files = new Set(listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

    for (const file of [`/${pkg.main}`, '/out/preload/preload.cjs', '/out/renderer/index.html', '/package.json']) {
      expect(files, file).toContain(file);
    }
    for (const dependency of Object.keys(pkg.dependencies)) {
      expect(files, dependency).toContain(`/node_modules/${dependency}/package.json`);
    }
    // Bundled into the renderer or only for development: none of it ships.
    for (const devOnly of ['react', '@mantine/core', 'vitest', 'playwright-core', 'typescript', 'electron']) {
      expect(files, devOnly).not.toContain(`/node_modules/${devOnly}/package.json`);
    }
  }, 240_000);
});

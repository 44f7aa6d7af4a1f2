import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../build/electron-builder.js';
import { BUNDLE_EXTENSION } from '../../shared/bundle/format.js';
import { ROOT } from './support.js';

const run = promisify(execFile);

/** @electron/fuses' marker before the fuse wire in an Electron executable. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_DISABLE = 0x30; // '0'
const FUSE_ENABLE = 0x31; // '1'
/** Electron's own defaults for the eight fuses of wire version 1, in FuseV1Options order. */
const ELECTRON_DEFAULT_FUSES = [
  FUSE_ENABLE, // RunAsNode
  FUSE_DISABLE, // EnableCookieEncryption
  FUSE_ENABLE, // EnableNodeOptionsEnvironmentVariable
  FUSE_ENABLE, // EnableNodeCliInspectArguments
  FUSE_DISABLE, // EnableEmbeddedAsarIntegrityValidation
  FUSE_DISABLE, // OnlyLoadAppFromAsar
  FUSE_DISABLE, // LoadBrowserProcessSpecificV8Snapshot
  FUSE_ENABLE, // GrantFileProtocolExtraPrivileges
];

/**
 * A stand-in for the Electron runtime (the real one cannot be downloaded here): what
 * electron-builder copies, and an executable carrying a fuse wire like Electron's, so that the
 * fuses electron-builder flips can be read back from the packaged app.
 */
function standInElectron(dir: string, version: string): void {
  fs.mkdirSync(dir);
  const wire = Buffer.concat([
    Buffer.from(`#!/bin/sh\nexit 0\n# ${FUSE_SENTINEL}`, 'latin1'),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length, ...ELECTRON_DEFAULT_FUSES]),
    Buffer.from('\n', 'latin1'),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), wire, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), version);
  fs.writeFileSync(path.join(dir, 'LICENSE'), '');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '');
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The images in an .icns file: type → PNG size (for the PNG-based types). */
function icnsImages(file: string): Map<string, number> {
  const icns = fs.readFileSync(file);
  expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const images = new Map<string, number>();
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
    images.set(icns.subarray(at, at + 4).toString('latin1'), pngSize(icns.subarray(at + 8)).width);
  }
  return images;
}

/** The square sizes in an .ico file's directory (a width byte of 0 means 256). */
function icoSizes(file: string): number[] {
  const ico = fs.readFileSync(file);
  expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + i * 16;
    expect(ico[entry + 1]).toBe(ico[entry]);
    return ico[entry] || 256;
  });
}

/**
 * The installer configuration, checked offline: electron-builder's `dir` target with a stand-in
 * Electron runtime packages the built app (run once for every check below); the installers
 * themselves (NSIS, MSI, DMG, AppImage, deb) are built and tried on real machines
 * (docs/release.md).
 */
describe('packaging', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-package-'));
  const unpacked = path.join(work, 'dist', 'linux-unpacked');
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    const electronDist = path.join(work, 'electron-dist');
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
    standInElectron(electronDist, version);
    await run(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/electron-builder/cli.js'),
        '--config', 'build/electron-builder.ts',
        '--linux', 'dir',
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${version}`,
        `-c.directories.output=${path.join(work, 'dist')}`,
      ],
      { cwd: ROOT, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    );
  }, 240_000);

  it('puts the main process, preload, renderer and run-time dependencies into app.asar', () => {
    const asar = path.join(unpacked, 'resources', 'app.asar');
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
    // Nothing that updates the app by itself ships (auto-update is off on purpose).
    for (const updater of ['electron-updater', 'update-electron-app']) {
      expect(files, updater).not.toContain(`/node_modules/${updater}/package.json`);
    }
  });

  it('flips the fuses in the packaged executable', async () => {
    // The `dir` target renames the runtime's executable to linux.executableName.
    const executable = path.join(unpacked, 'focal-point-desk');
    expect(fs.existsSync(path.join(unpacked, 'electron'))).toBe(false);
    const wire = await getCurrentFuseWire(executable);
    const read = (fuse: FuseV1Options) =>
      wire[fuse] === FUSE_ENABLE ? 'enabled' : wire[fuse] === FUSE_DISABLE ? 'disabled' : `state ${wire[fuse]}`;
    const names = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key))) as (keyof typeof FuseV1Options)[];
    expect(Object.fromEntries(names.map((name) => [name, read(FuseV1Options[name])]))).toEqual({
      RunAsNode: 'disabled',
      EnableNodeOptionsEnvironmentVariable: 'disabled',
      EnableNodeCliInspectArguments: 'disabled',
      EnableCookieEncryption: 'enabled',
      EnableEmbeddedAsarIntegrityValidation: 'enabled',
      OnlyLoadAppFromAsar: 'enabled',
      LoadBrowserProcessSpecificV8Snapshot: 'disabled', // Electron's default, left alone
      GrantFileProtocolExtraPrivileges: 'disabled',
    });
  });

  it('registers .fpbundle files with a MIME type and a document icon', () => {
    const associations = [config.fileAssociations ?? []].flat();
    expect(associations).toHaveLength(1);
    const [bundle] = associations;
    expect(bundle?.ext).toBe(BUNDLE_EXTENSION);
    expect(bundle?.mimeType).toBe(`application/x-${BUNDLE_EXTENSION}+json`);
    // electron-builder takes <icon>.icns on macOS and <icon>.ico in the NSIS installer.
    const icon = path.join(ROOT, 'build', bundle?.icon ?? '');
    expect(Math.max(...icnsImages(`${icon}.icns`).values())).toBeGreaterThanOrEqual(512);
    expect(icoSizes(`${icon}.ico`)).toContain(256);
    // The Linux desktop entry gets MimeType from the association unless overridden.
    expect(config.linux?.desktop?.entry ?? {}).not.toHaveProperty('MimeType');
  });

  it('publishes nothing and updates nothing by itself', () => {
    expect(config).toHaveProperty('publish', null);
    for (const platform of [config.win, config.mac, config.linux]) {
      expect(platform ?? {}).not.toHaveProperty('publish');
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(declared).not.toContain('electron-updater');
    expect(declared).not.toContain('update-electron-app');
  });

  it('has the app icons in the sizes electron-builder needs, so it converts (and downloads) nothing', () => {
    const build = path.join(ROOT, 'build');
    // Any platform's fallback source: at least 512 px square (1024 recommended).
    const png = pngSize(fs.readFileSync(path.join(build, 'icon.png')));
    expect(png.width).toBe(png.height);
    expect(png.width).toBeGreaterThanOrEqual(512);
    // macOS: a 512 px image (ic09) at least.
    const icns = icnsImages(path.join(build, 'icon.icns'));
    expect(icns.get('ic09')).toBe(512);
    // Windows: electron-builder refuses an .ico without a 256 px image.
    expect(icoSizes(path.join(build, 'icon.ico'))).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    // Linux: build/icons/<n>x<n>.png, each the size its name says.
    const linux = fs.readdirSync(path.join(build, 'icons'));
    expect(linux).toEqual(expect.arrayContaining(['16x16.png', '48x48.png', '256x256.png', '512x512.png']));
    for (const name of linux) {
      const size = Number(name.split('x')[0]);
      expect(pngSize(fs.readFileSync(path.join(build, 'icons', name))), name).toEqual({ width: size, height: size });
    }
  });

  it('signs macOS builds with the hardened runtime and JIT as the only entitlement', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      const plist = fs.readFileSync(path.join(ROOT, file ?? ''), 'utf8');
      expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]), file ?? '').toEqual([
        'com.apple.security.cs.allow-jit',
      ]);
    }
  });
});

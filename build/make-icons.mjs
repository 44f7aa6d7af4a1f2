// Makes the icon files electron-builder uses from the two SVG sources in build/:
//   icon.svg     → icon.png (1024 px), icon.icns, icon.ico, icons/<n>x<n>.png (Linux set)
//   fpbundle.svg → fpbundle.png (512 px), fpbundle.icns, fpbundle.ico (the .fpbundle document icon)
// The results are committed, so `npm run dist` converts nothing (electron-builder would otherwise
// download its icon tool at build time). Run after changing an SVG:
//   apt-get install librsvg2-bin icoutils && node build/make-icons.mjs
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = import.meta.dirname;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-icons-'));

/** Renders the SVG at each size with librsvg; returns the PNG files by size. */
function render(svg, sizes) {
  const files = new Map();
  for (const size of sizes) {
    const file = path.join(work, `${path.basename(svg, '.svg')}-${size}.png`);
    execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-o', file, svg]);
    files.set(size, file);
  }
  return files;
}

/**
 * Apple's icns container with PNG payloads (what `iconutil` writes): 'icns', total length, then
 * per image a four-letter type, its length with the 8-byte header, and the PNG.
 */
const icnsTypes = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];
function icns(pngs) {
  const parts = icnsTypes.map(([type, size]) => {
    const png = fs.readFileSync(pngs.get(size));
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(8 + parts.reduce((sum, p) => sum + p.length, 0), 4);
  return Buffer.concat([header, ...parts]);
}

/** ICO with bitmaps up to 128 px and the 256 px image as PNG (icotool's -r), as Windows expects. */
function ico(pngs, out) {
  const small = [16, 24, 32, 48, 64, 128].map((s) => pngs.get(s));
  execFileSync('icotool', ['-c', '-o', out, ...small, '-r', pngs.get(256)]);
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const app = render(path.join(here, 'icon.svg'), sizes);
fs.copyFileSync(app.get(1024), path.join(here, 'icon.png'));
fs.writeFileSync(path.join(here, 'icon.icns'), icns(app));
ico(app, path.join(here, 'icon.ico'));
fs.mkdirSync(path.join(here, 'icons'), { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
  fs.copyFileSync(app.get(size), path.join(here, 'icons', `${size}x${size}.png`));
}

const bundle = render(path.join(here, 'fpbundle.svg'), sizes);
fs.copyFileSync(bundle.get(512), path.join(here, 'fpbundle.png'));
fs.writeFileSync(path.join(here, 'fpbundle.icns'), icns(bundle));
ico(bundle, path.join(here, 'fpbundle.ico'));

fs.rmSync(work, { recursive: true, force: true });

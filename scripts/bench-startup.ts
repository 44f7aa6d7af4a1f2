/**
 * `npm run bench -- --startup` (after `npm run build`): how long the app takes to start, as a
 * person sees it, with the browser host — from spawning the built start script
 * (`node out/main/start.js --browser --no-open --data DIR`) to the dashboard's heading drawn in
 * Chromium (visible, then two animation frames: painted). The data folder holds a profile, so the
 * first screen is the dashboard, as on every start after the first.
 *
 * Reference, in the same runs and the same way: a Node process with a bare HTTP server (one
 * heading) spawned, its page drawn in Chromium. The ratio to it is what the app adds to starting
 * Node and drawing a page. Chromium is launched once beforehand (not counted); each load uses a
 * new browser context (no cache). Runs alternate app and reference so the machine's load falls
 * on both. Also prints the built renderer's size and the machine's load (`uptime`).
 *
 * Not a test: nothing passes or fails. Software rendering (--disable-gpu) on this machine.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { openCore } from '../main/core/index.js';
import { en } from '../shared/i18n/resources.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/(\?token=[\w-]+)?/;

/** A Node process that serves one page with one heading, printing its URL as the host does. */
const BARE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><html lang="en"><title>x</title><h1>Ready</h1>');
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port + '/'));
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function spawnAndWaitForUrl(args: string[]): Promise<{ child: ChildProcess; url: string; urlAt: number; spawnedAt: number }> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, LANG: 'en_US.UTF-8' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = URL_PATTERN.exec(out)?.[0];
      if (!url) return;
      child.stdout!.off('data', onData);
      resolve({ child, url, urlAt: performance.now(), spawnedAt });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing its URL:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Spawns, loads the printed URL in a fresh context, waits for the heading painted. */
async function timeStart(browser: Browser, args: string[], heading: string): Promise<{ url: number; drawn: number; scripts: number }> {
  const started = await spawnAndWaitForUrl(args);
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
  try {
    const page = await context.newPage();
    // The scripts the first screen needed (the page's and every chunk it loaded before drawing).
    const sizes: Promise<number>[] = [];
    page.on('response', (response) => {
      if (/\.js(\?|$)/.test(response.url())) sizes.push(response.body().then((b) => b.length, () => 0));
    });
    await page.goto(started.url, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const drawn = performance.now() - started.spawnedAt;
    return { url: started.urlAt - started.spawnedAt, drawn, scripts: (await Promise.all(sizes)).reduce((a, b) => a + b, 0) };
  } finally {
    await context.close();
    await stop(started.child);
  }
}

const ASSETS = path.join(ROOT, 'out', 'renderer', 'assets');
/** Every script of the built renderer, bytes. */
const builtScripts = () => fs.readdirSync(ASSETS).filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + fs.statSync(path.join(ASSETS, f)).size, 0);

/** The largest built files (pages and locale files are chunks of their own). */
function rendererSize(): string[] {
  return fs
    .readdirSync(ASSETS)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => ({ f, bytes: fs.readFileSync(path.join(ASSETS, f)) }))
    .sort((a, b) => b.bytes.length - a.bytes.length)
    .slice(0, 8)
    .map(({ f, bytes }) => `| ${f.replace(/-[\w-]{8}\./, '.')} | ${(bytes.length / 1e6).toFixed(2)} MB | ${(zlib.gzipSync(bytes).length / 1e6).toFixed(2)} MB |`);
}

export async function startupBenchmark(runs = 5): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'out/main/start.js'))) throw new Error('build first: npm run build');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-bench-startup-'));
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  await core.dispatch('profile.set', { name: 'Bench', organisation: '', country: 'SN', role: 'national_focal_point' });
  await core.close();

  console.log(`${new Date().toISOString()} · ${os.cpus().length} CPUs · ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const app: { url: number; drawn: number; scripts: number }[] = [];
  const bare: { url: number; drawn: number; scripts: number }[] = [];
  try {
    // One unmeasured start of each: the first reads everything from disk.
    await timeStart(browser, ['-e', BARE_SERVER], 'Ready');
    await timeStart(browser, [path.join(ROOT, 'out/main/start.js'), '--browser', '--no-open', '--data', dataDir], en.pages.dashboard.title);
    for (let i = 0; i < runs; i++) {
      bare.push(await timeStart(browser, ['-e', BARE_SERVER], 'Ready'));
      app.push(await timeStart(browser, [path.join(ROOT, 'out/main/start.js'), '--browser', '--no-open', '--data', dataDir], en.pages.dashboard.title));
      console.log(`run ${i + 1}: app ${seconds(app[i]!.url)} to its URL, ${seconds(app[i]!.drawn)} to the dashboard drawn; reference ${seconds(bare[i]!.url)}, ${seconds(bare[i]!.drawn)}`);
    }
  } finally {
    await browser.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('');
  const row = (rs: { url: number; drawn: number; scripts: number }[]) => [median(rs.map((r) => r.url)), median(rs.map((r) => r.drawn - r.url)), median(rs.map((r) => r.drawn))];
  const a = row(app);
  const b = row(bare);
  console.log(`| median of ${runs} | spawn → URL printed | URL → first screen drawn | spawn → first screen drawn |`);
  console.log('|---|---:|---:|---:|');
  console.log(`| app (browser host, dashboard) | ${a.map(seconds).join(' | ')} |`);
  console.log(`| reference (bare Node server, one heading) | ${b.map(seconds).join(' | ')} |`);
  console.log(`| ratio | ${a.map((x, i) => `${(x / b[i]!).toFixed(1)}×`).join(' | ')} |`);
  console.log('');
  const all = builtScripts();
  const first = median(app.map((r) => r.scripts));
  console.log(`first screen: ${(first / 1e6).toFixed(2)} MB of scripts loaded, of ${(all / 1e6).toFixed(2)} MB built (${((100 * first) / all).toFixed(0)} %)`);
  console.log('');
  console.log('| largest built renderer files | size | gzip |');
  console.log('|---|---:|---:|');
  for (const row of rendererSize()) console.log(row);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await startupBenchmark();

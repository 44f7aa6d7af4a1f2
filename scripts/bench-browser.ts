/**
 * `npm run bench:browser` (after `npm run build`): the Action points page in Chromium with
 * 10,000 action points (another count: `npm run bench:browser -- 20000`). Prints what a person
 * feels, measured inside the page:
 *
 *   open        click on "Action points" → the first rows painted (loading them through the API)
 *   filter      a word entered in the search box → the table painted with the matches
 *   sort        a click on a column header → the table painted in the new order
 *               (both timed from the event inside the page to the paint after the change)
 *   scroll      frame times while the table scrolls by 3 rows a frame for 4 seconds: median,
 *               95th percentile, longest, and the share of frames over 33 ms (below 30 fps)
 *
 * Not a test: nothing passes or fails. Software rendering (--disable-gpu) on this machine.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { en } from '../shared/i18n/resources.js';
import { openCore } from '../main/core/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);

async function seed(dataDir: string): Promise<void> {
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  await core.dispatch('profile.set', { name: 'Bench', organisation: '', country: 'SN', role: 'national_focal_point' });
  const ws = core.workspace!;
  const contacts = await ws.createMany(Array.from({ length: 200 }, (_, i) => ({ kind: 'contact' as const, fields: { name: `Contact ${i}`, country: 'SN', role: 'national_focal_point' as const } })));
  const meetings = await ws.createMany(
    Array.from({ length: 100 }, (_, i) => ({
      kind: 'meeting' as const,
      fields: { title: { en: `Network meeting ${i}` }, type: 'focal_points_network' as const, start: new Date(Date.UTC(2025, 0, 1) + i * 7 * 86_400_000).toISOString() },
    })),
  );
  const statuses = ['open', 'in_progress', 'done', 'blocked', 'cancelled'] as const;
  const words = ['chair’s summary', 'concept note', 'written statement', 'newsletter item', 'peacekeeping training'];
  for (let start = 0; start < N; start += 2_000) {
    await ws.createMany(
      Array.from({ length: Math.min(2_000, N - start) }, (_, k) => {
        const i = start + k;
        return {
          kind: 'action' as const,
          fields: {
            title: i % 3 === 0 ? { fr: `Préparer la note de cadrage ${i}` } : { en: `Circulate the ${words[i % words.length]} (${i})` },
            status: statuses[i % statuses.length],
            priority: (['low', 'normal', 'high'] as const)[i % 3],
            dueDate: new Date(Date.UTC(2025, 0, 1) + (i % 730) * 86_400_000).toISOString().slice(0, 10),
            owner: i % 2 ? { contactId: contacts[i % contacts.length]!.id } : { institution: `Ministry ${i % 40}` },
            meetingId: meetings[i % meetings.length]!.id,
            heading: 'abcd'[i % 4],
            number: (i % 15) + 1,
          },
        };
      }),
    );
  }
  await core.close();
}

function startHost(dataDir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'out/main/start.js'), '--browser', '--no-open', '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out)?.[0];
      if (url) resolve({ url, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code})`)));
  });
}

/**
 * Time from an event dispatched inside the page (no automation round trip counted) to the paint
 * after the watched element changed: two animation frames after the DOM mutation.
 */
async function timeToPaint(page: Page, selector: string, action: { search: string } | { click: string }): Promise<number> {
  return page.evaluate(
    ([sel, act]) =>
      new Promise<number>((resolve) => {
        const target = document.querySelector(sel)!;
        let t0 = 0;
        const observer = new MutationObserver(() => {
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        });
        observer.observe(target, { childList: true, subtree: true, characterData: true });
        if ('search' in act) {
          const input = document.querySelector<HTMLInputElement>('main input[type="search"]')!;
          const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          t0 = performance.now();
          setValue.call(input, act.search);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        } else {
          const button = [...document.querySelectorAll<HTMLButtonElement>('thead button')].find((b) => b.textContent?.trim().startsWith(act.click))!;
          t0 = performance.now();
          button.click();
        }
      }),
    [selector, action] as const,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'out/main/start.js'))) throw new Error('build first: npm run build');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-bench-browser-'));
  const host = await (async () => {
    await seed(dataDir);
    return startHost(dataDir);
  })();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // tsx names the functions it compiles with a helper the page does not have.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(host.url);
    await page.getByRole('heading', { level: 1, name: en.pages.dashboard.title }).waitFor();

    const opens: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.getByRole('link', { name: en.common.nav.dashboard, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: en.pages.dashboard.title }).waitFor();
      const start = Date.now();
      await page.getByRole('link', { name: new RegExp(`^${en.common.nav.actions}`) }).click();
      await page.locator('[data-testid="action-table"] tbody tr td').first().waitFor();
      opens.push(Date.now() - start);
    }

    const table = '[data-testid="action-table"] tbody';
    await page.getByRole('searchbox', { name: en.meetings.filters.search }).waitFor();
    const filters: number[] = [];
    for (const word of ['cadrage', 'summary', 'statement', 'peacekeeping', 'newsletter']) {
      filters.push(await timeToPaint(page, table, { search: word }));
      await timeToPaint(page, table, { search: '' });
    }

    const sorts: number[] = [];
    for (const label of [en.records.fields.dueDate, en.records.fields.title, en.records.fields.priority, en.records.fields.status, en.records.fields.dueDate]) {
      sorts.push(await timeToPaint(page, table, { click: label }));
    }

    const frames = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="action-table"]')!;
      const times: number[] = [];
      let last = performance.now();
      const end = last + 4_000;
      await new Promise<void>((done) => {
        const step = (now: number) => {
          times.push(now - last);
          last = now;
          scroller.scrollTop += 3 * 52;
          if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) scroller.scrollTop = 0;
          if (now < end) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      return times.slice(1);
    });
    const sorted = [...frames].sort((a, b) => a - b);
    const f = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
    console.log(`Action points page in Chromium ${browser.version()} — ${N.toLocaleString('en')} action points, ${os.cpus().length} cores, software rendering`);
    console.log('| open (median of 3) | filter by a word (median of 5) | sort by a column (median of 5) | scroll frames p50 / p95 / longest | frames over 33 ms |');
    console.log('|---:|---:|---:|---:|---:|');
    console.log(
      `| ${f(median(opens))} | ${f(median(filters))} | ${f(median(sorts))} | ${f(median(frames))} / ${f(sorted[Math.floor(sorted.length * 0.95)]!)} / ${f(sorted.at(-1)!)} | ${((100 * frames.filter((x) => x > 33.4).length) / frames.length).toFixed(1)} % of ${frames.length} |`,
    );
  } finally {
    await browser.close();
    host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

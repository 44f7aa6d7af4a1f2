import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium } from '../chromium.js';

/** Prints an HTML page (from toHtml) to PDF bytes; null when this machine has no way to. */
export type PdfPrinter = (html: string) => Promise<Buffer>;

/** Long enough for a first run on a slow machine (fonts cached cold), short enough to give up. */
const PRINT_TIMEOUT_MS = 60_000;

/**
 * Chromium run headless, kept off the network and away from the person's own browser: a fresh
 * profile that is thrown away, no background services, and a resolver that knows no host (the
 * page itself refers to nothing outside it and forbids any load in its own CSP).
 */
export function chromiumPrintArgs(options: { profileDir: string; pdfFile: string; htmlFile: string; root: boolean }): string[] {
  return [
    '--headless',
    // Chromium refuses to run as root without this; only a container or a CI box runs as root.
    ...(options.root ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--no-first-run',
    '--no-default-browser-check',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${options.profileDir}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${options.pdfFile}`,
    pathToFileURL(options.htmlFile).href,
  ];
}

function run(executable: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a hung print is ended with every helper process it started.
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const timer = setTimeout(() => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`Chromium did not print within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`Chromium exited with ${signal ?? code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** A PDF printer that runs the given Chromium once per document. */
export function chromiumPdfPrinter(executable: string, timeoutMs = PRINT_TIMEOUT_MS): PdfPrinter {
  return async (html) => {
    // mkdtemp makes the folder readable by this user only (0700): the document is private.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fpd-print-'));
    try {
      await fs.chmod(dir, 0o700);
      const htmlFile = path.join(dir, 'document.html');
      const pdfFile = path.join(dir, 'document.pdf');
      const profileDir = path.join(dir, 'profile');
      await fs.writeFile(htmlFile, html, { encoding: 'utf8', mode: 0o600 });
      await run(executable, chromiumPrintArgs({ profileDir, pdfFile, htmlFile, root: process.getuid?.() === 0 }), timeoutMs);
      const pdf = await fs.readFile(pdfFile);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Chromium wrote no PDF');
      return pdf;
    } finally {
      // Helper processes may still be closing files in the profile for a moment.
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  };
}

/** The system's Chromium, run headless, as the PDF printer of the browser host and the CLI. */
export function systemPdfPrinter(): PdfPrinter | null {
  const executable = findChromium();
  return executable ? chromiumPdfPrinter(executable) : null;
}

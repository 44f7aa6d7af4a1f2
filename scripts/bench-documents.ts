/**
 * Documents benchmark (part of `npm run bench`; alone: `npm run bench -- --documents`): a NAP with
 * 200 actions and 400 indicators and a meeting with 300 action points, made as .docx, PDF and
 * .xlsx. Each document is made in a fresh process, so its peak memory is its own. Floors from the
 * same run: building the document model alone (what every format starts from), and Chromium
 * printing an empty page (what every PDF pays to start the browser).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../main/core/index.js';
import { systemPdfPrinter } from '../main/core/documents/pdf.js';
import { buildDocument } from '../shared/documents/templates.js';
import { sourceOf } from '../shared/documents/source.js';
import { DocumentRequest } from '../shared/documents/request.js';
import { createMainI18n } from '../main/core/i18n.js';
import { seedDocumentWorkspace } from '../tests/fixtures/document-workspace.js';

const self = fileURLToPath(import.meta.url);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

async function child(dataDir: string, type: string, id: string, format: string): Promise<void> {
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  const request = { type, id, format, language: 'en' };
  let pages = 0;
  const started = performance.now();
  if (format === 'model') {
    const parsed = DocumentRequest.parse({ ...request, format: 'docx' });
    const t = createMainI18n('en').getFixedT('en', 'documents') as unknown as (k: string, v?: Record<string, unknown>) => string;
    buildDocument({ request: parsed, source: sourceOf(core.workspace!.allViews()), t });
  } else if (format === 'blank-pdf') {
    await systemPdfPrinter()!('<!doctype html><title>x</title><p>x</p>');
  } else {
    const envelope = await core.dispatch('documents.export', request);
    if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
    if (format === 'pdf') {
      // Each page object of the PDF once (the page tree's own node is /Type /Pages).
      pages = (Buffer.from((envelope.value as { bytes: string }).bytes, 'base64').toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    }
  }
  const ms = performance.now() - started;
  await core.close();
  process.stdout.write(`DOC ${JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, pages })}\n`);
}

function measure(dataDir: string, type: string, id: string, format: string, runs: number) {
  const results: { ms: number; maxRssMB: number; pages: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, [...process.execArgv, self, '--child', dataDir, type, id, format], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = out.stdout.split('\n').find((l) => l.startsWith('DOC '));
    if (!line) throw new Error(`${type} ${format} failed: ${out.stderr}`);
    results.push(JSON.parse(line.slice(4)));
  }
  return { ms: median(results.map((r) => r.ms)), maxRssMB: Math.max(...results.map((r) => r.maxRssMB)), pages: results[0]!.pages };
}

export async function documentsBenchmark(runs = 3): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-bench-docs-'));
  try {
    const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
    const ws = await seedDocumentWorkspace((name, request) => core.dispatch(name, request).then((e) => {
      if (!e.ok) throw new Error(JSON.stringify(e.error));
      return e.value;
    }), { actions: 200, indicatorsPerAction: 2, points: 300 });
    await core.close();
    const pdf = systemPdfPrinter() !== null;
    const lines = [
      `Documents — Node ${process.version}, ${os.cpus().length} cores; median of ${runs} fresh processes each, peak RSS of the process`,
      '| document | pages (PDF) | model (floor) | .docx (× model) | PDF (× blank page) | .xlsx (× model) | peak RSS docx / PDF / xlsx |',
      '|---|---:|---:|---:|---:|---:|---:|',
    ];
    const blank = pdf ? measure(dataDir, 'nap', ws.napId, 'blank-pdf', runs) : null;
    for (const [label, type, id, formats] of [
      ['NAP, 200 actions, 400 indicators', 'nap', ws.napId, ['docx', 'pdf', 'xlsx']],
      ["chair's summary, 300 action points", 'chair-summary', ws.meetingId, ['docx', 'pdf']],
    ] as const) {
      const model = measure(dataDir, type, id, 'model', runs);
      const r: Record<string, { ms: number; maxRssMB: number; pages: number } | null> = {};
      for (const format of ['docx', 'pdf', 'xlsx']) r[format] = (formats as readonly string[]).includes(format) && (format !== 'pdf' || pdf) ? measure(dataDir, type, id, format, runs) : null;
      const cell = (x: { ms: number } | null, floor: { ms: number } | null) => (x ? `${f(x.ms)} ms${floor ? ` (${(x.ms / floor.ms).toFixed(1)}×)` : ''}` : '—');
      lines.push(`| ${label} | ${r.pdf ? r.pdf.pages : '—'} | ${f(model.ms)} ms | ${cell(r.docx!, model)} | ${cell(r.pdf!, blank)} | ${cell(r.xlsx!, model)} | ${['docx', 'pdf', 'xlsx'].map((k) => (r[k] ? `${f(r[k]!.maxRssMB)} MB` : '—')).join(' / ')} |`);
    }
    if (blank) lines.push(`Blank page printed by Chromium: ${f(blank.ms)} ms.`);
    return lines;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const childArg = process.argv.indexOf('--child');
if (childArg > 0) {
  const [dataDir, type, id, format] = process.argv.slice(childArg + 1);
  await child(dataDir!, type!, id!, format!);
} else if (process.argv[1] === self) {
  for (const line of await documentsBenchmark()) console.log(line);
}

/**
 * `npm run check:security` (part of `npm test`): fails on any Electron security finding and on any
 * high or critical advisory against the packages the app ships.
 *
 * 1. electronegativity (Doyensec's static checker for Electron apps) over main/ (the Electron
 *    shell: window options, session, protocol, preload), renderer/ (index.html with its CSP meta,
 *    and the React code) and package.json (the Electron version). It exits 0 whatever it finds, so
 *    the gate reads its SARIF report instead: every result there is a failure, except a manual-
 *    review note listed in REVIEWED below, at that file, with the reason it was accepted. A file
 *    it could not parse (and so did not check) is a failure too. The report is kept in
 *    test-output/electronegativity.sarif.
 * 2. `npm audit --omit=dev --audit-level=high`: skipped, with a message saying why, when the
 *    registry does not answer audit requests (offline, a mirror without the audit endpoint).
 *
 * No check of electronegativity is disabled (DISABLED_CHECKS is empty). The one that goes online
 * (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK: Electron's release notes, from GitHub) is skipped, with
 * a message, when GitHub does not answer within 3 s; the tool itself would wait about 10 s for
 * nothing. docs/security.md says the same for readers.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = path.join(ROOT, 'test-output', 'electronegativity.sarif');

/** What electronegativity looks at, relative to the project root (copied as they are). */
export const SCANNED = ['main', 'renderer/index.html', 'renderer/src', 'package.json'];

/** Checks switched off (by class name, as electronegativity's -x takes them, e.g. 'PreloadJSCheck'), each with its reason. None: every check runs. */
export const DISABLED_CHECKS: readonly { check: string; reason: string }[] = [];

/**
 * Manual-review notes ("review this") that were reviewed, at the one file each concerns. A note
 * of the same check anywhere else, or a finding the tool is sure of (a SARIF warning), still fails.
 */
export const REVIEWED: readonly { check: string; file: string; reason: string }[] = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'main/electron/window.ts',
    reason:
      'The preload is the renderer’s only way to the core: it exposes exactly one method per operation of the typed contract and an event subscription under window.api, nothing of Node or Electron (tests/unit/electron-shell.test.ts, “preload bridge”), and the main process checks every call’s sender frame.',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    reason:
      "The policy's only remark is that script-src 'self' is risky where the origin hosts JSONP, AngularJS or uploaded files. The app's origin (app://focal-point-desk, or the browser host on 127.0.0.1) serves nothing but the built renderer: no JSONP, no AngularJS, no user file.",
  },
];

export interface Finding {
  check: string;
  /** 'warning': the tool is sure; 'note': it asks for a manual review. */
  level: string;
  file: string;
  line: number;
  message: string;
}

interface SarifResult {
  ruleId?: unknown;
  level?: unknown;
  message?: { text?: unknown };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: unknown }; region?: { startLine?: unknown } } }[];
}

/** Every result of an electronegativity SARIF report (throws if the text is not one). */
export function findingsFromSarif(text: string): Finding[] {
  const sarif = JSON.parse(text) as { runs?: { results?: SarifResult[] }[] };
  if (!Array.isArray(sarif.runs) || sarif.runs.length === 0) throw new Error('not a SARIF report: no runs');
  return sarif.runs.flatMap((run) => {
    if (!Array.isArray(run.results)) throw new Error('not a SARIF report: a run without results');
    return run.results.map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      return {
        check: String(result.ruleId),
        level: String(result.level ?? 'warning'),
        file: String(location?.artifactLocation?.uri ?? 'N/A').replaceAll('\\', '/'),
        line: Number(location?.region?.startLine ?? 0),
        message: String(result.message?.text ?? ''),
      };
    });
  });
}

/** The findings that fail the gate: all of them but the reviewed notes. */
export function blockingFindings(findings: readonly Finding[], reviewed = REVIEWED): Finding[] {
  return findings.filter(
    (f) => !(f.level === 'note' && reviewed.some((r) => r.check === f.check && r.file === f.file)),
  );
}

export type AuditOutcome =
  | { kind: 'clean'; counts: Record<string, number> }
  | { kind: 'vulnerable'; packages: string[] }
  | { kind: 'unavailable'; reason: string };

/** Reads `npm audit --json`: a report (clean or not), or the registry's failure to give one. */
export function auditOutcome(stdout: string): AuditOutcome {
  let report: {
    metadata?: { vulnerabilities?: Record<string, number> };
    vulnerabilities?: Record<string, { severity?: string }>;
    message?: string;
    error?: { summary?: string; code?: string };
  };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch {
    return { kind: 'unavailable', reason: stdout.trim().split('\n')[0] || 'no answer' };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) return { kind: 'unavailable', reason: report.message || report.error?.summary || report.error?.code || 'no audit report' };
  const packages = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => `${name} (${v.severity})`);
  if (packages.length > 0 || (counts.high ?? 0) + (counts.critical ?? 0) > 0) return { kind: 'vulnerable', packages };
  return { kind: 'clean', counts };
}

function run(command: string, args: string[], options: { cwd?: string; timeoutMs: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * electronegativity's own runner, in a child process: with a report file it prints nothing of
 * the files it could not parse, but returns them, so they are written next to the report.
 */
const SCAN = `
const fs = require('node:fs');
const [input, report, errors, excluded] = process.argv.slice(1);
require('@doyensec/electronegativity')({
  input, output: report, isSarif: true, isRelative: true, customScan: [],
  excludeFromScan: JSON.parse(excluded), parserPlugins: [],
}).then((result) => fs.writeFileSync(errors, JSON.stringify(result.errors.filter((e) => !e.tolerable))),
  (error) => { console.error(error); process.exit(1); });
`;

/** Where AvailableSecurityFixesGlobalCheck reads Electron's releases (it waits ~10 s for it offline). */
const ELECTRON_RELEASES = 'https://raw.githubusercontent.com/electron/releases/master/index.json';

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

async function electronegativity(): Promise<string[]> {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-security-'));
  try {
    // ElectronVersionJSONCheck only feeds that check (which consumes its results): both go.
    const skipped = (await answers(ELECTRON_RELEASES)) ? [] : ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];
    if (skipped.length > 0) console.log(`electronegativity: the check of available Electron security fixes SKIPPED — ${new URL(ELECTRON_RELEASES).host} does not answer.`);
    for (const entry of SCANNED) fs.cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
    fs.mkdirSync(path.dirname(REPORT), { recursive: true });
    fs.rmSync(REPORT, { force: true });
    const errorsFile = path.join(stage, 'parse-errors.json');
    const excluded = JSON.stringify([...DISABLED_CHECKS.map((c) => c.check), ...skipped].map((c) => c.toLowerCase()));
    const result = await run(process.execPath, ['-e', SCAN, stage, REPORT, errorsFile, excluded], { timeoutMs: 60_000 });
    if (result.code !== 0 || !fs.existsSync(errorsFile)) {
      return [`electronegativity did not finish (exit ${result.code}):\n${result.stdout}${result.stderr}`];
    }
    const problems: string[] = [];
    for (const error of JSON.parse(fs.readFileSync(errorsFile, 'utf8')) as { file: string; message: string }[]) {
      problems.push(`not checked, could not be parsed: ${path.relative(stage, error.file)} — ${error.message}`);
    }
    const findings = findingsFromSarif(fs.readFileSync(REPORT, 'utf8'));
    for (const f of blockingFindings(findings)) problems.push(`${f.check} (${f.level}) ${f.file}:${f.line} — ${f.message}`);
    const accepted = findings.length - blockingFindings(findings).length;
    console.log(`electronegativity: ${findings.length} result(s), ${accepted} reviewed note(s) accepted, ${problems.length} problem(s).`);
    return problems;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

async function audit(): Promise<string[]> {
  // One attempt, a short wait: a registry that does not answer is reported, not waited for.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = await run(npm, ['audit', '--omit=dev', '--audit-level=high', '--json', '--fetch-retries=0', '--fetch-timeout=10000'], { timeoutMs: 30_000 });
  const outcome = auditOutcome(result.stdout);
  switch (outcome.kind) {
    case 'clean':
      console.log(`npm audit: no high or critical advisory against the shipped packages (${JSON.stringify(outcome.counts)}).`);
      return [];
    case 'vulnerable':
      return [`npm audit: high or critical advisories against shipped packages: ${outcome.packages.join(', ') || 'see npm audit'}`];
    case 'unavailable':
      console.log(`npm audit: SKIPPED — the registry gave no audit report (${outcome.reason}).`);
      return [];
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const [scan, advisories] = await Promise.all([electronegativity(), audit()]);
  const problems = [...scan, ...advisories];
  for (const problem of problems) console.error(`✗ ${problem}`);
  console.log(`security gate: ${problems.length === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (report: ${path.relative(ROOT, REPORT)}).`);
  if (problems.length > 0) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

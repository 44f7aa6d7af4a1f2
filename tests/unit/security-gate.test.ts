import { describe, expect, it } from 'vitest';
import { auditOutcome, blockingFindings, DISABLED_CHECKS, findingsFromSarif, REVIEWED } from '../../scripts/security-gate.js';

/** A report as electronegativity 1.10 writes it (-o report.sarif -r), with these results. */
function sarif(results: { ruleId: string; level: 'warning' | 'note'; uri: string; line: number; text: string }[]): string {
  return JSON.stringify({
    $schema: 'http://json.schemastore.org/sarif-2.1.0',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Electronegativity', version: '1.10.3', rules: [] } },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          level: r.level,
          message: { text: r.text },
          locations: [{ physicalLocation: { artifactLocation: { uri: r.uri }, region: { startLine: r.line, startColumn: 5, charLength: 0 } } }],
        })),
      },
    ],
  });
}

describe('the security gate', () => {
  it('fails on any finding of electronegativity, whose exit code says nothing', () => {
    const findings = findingsFromSarif(
      sarif([{ ruleId: 'SANDBOX_JS_CHECK', level: 'warning', uri: 'main/electron/window.ts', line: 25, text: 'Use sandbox for untrusted origins' }]),
    );
    expect(findings).toEqual([
      { check: 'SANDBOX_JS_CHECK', level: 'warning', file: 'main/electron/window.ts', line: 25, message: 'Use sandbox for untrusted origins' },
    ]);
    expect(blockingFindings(findings)).toHaveLength(1);
  });

  it('passes an empty report, and refuses a file that is not a report', () => {
    expect(blockingFindings(findingsFromSarif(sarif([])))).toEqual([]);
    expect(() => findingsFromSarif('{}')).toThrow(/SARIF/);
    expect(() => findingsFromSarif('issue, severity, confidence')).toThrow();
  });

  it('accepts a reviewed note only at the file it was reviewed at, and never a sure finding', () => {
    const preload = REVIEWED.find((r) => r.check === 'PRELOAD_JS_CHECK')!;
    const findings = findingsFromSarif(
      sarif([
        { ruleId: 'PRELOAD_JS_CHECK', level: 'note', uri: preload.file, line: 36, text: 'Review the use of preload scripts' },
        { ruleId: 'PRELOAD_JS_CHECK', level: 'note', uri: 'main/electron/other-window.ts', line: 3, text: 'Review the use of preload scripts' },
        { ruleId: 'CSP_GLOBAL_CHECK', level: 'warning', uri: 'renderer/index.html', line: 5, text: 'One or more CSP directives detected are vulnerable' },
      ]),
    );
    expect(blockingFindings(findings).map((f) => `${f.check} ${f.file}`)).toEqual([
      'PRELOAD_JS_CHECK main/electron/other-window.ts',
      'CSP_GLOBAL_CHECK renderer/index.html',
    ]);
  });

  it('gives a reason for every reviewed note and disabled check', () => {
    for (const entry of [...REVIEWED, ...DISABLED_CHECKS]) expect(entry.reason.length).toBeGreaterThan(40);
  });

  it('fails on a high or critical advisory, passes a clean audit, and skips when the registry gives no report', () => {
    const report = (high: number, critical: number, vulnerabilities: Record<string, { severity: string }> = {}) =>
      JSON.stringify({
        auditReportVersion: 2,
        vulnerabilities,
        metadata: { vulnerabilities: { info: 0, low: 1, moderate: 2, high, critical, total: 3 + high + critical } },
      });
    expect(auditOutcome(report(1, 0, { docx: { severity: 'high' }, uuid: { severity: 'low' } }))).toEqual({ kind: 'vulnerable', packages: ['docx (high)'] });
    expect(auditOutcome(report(0, 1))).toMatchObject({ kind: 'vulnerable' });
    expect(auditOutcome(report(0, 0, { uuid: { severity: 'moderate' } }))).toMatchObject({ kind: 'clean' });
    // What npm prints with an unreachable registry, and with a mirror that has no audit endpoint.
    const offline = JSON.stringify({ message: 'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9', error: { summary: '', detail: '' } });
    expect(auditOutcome(offline)).toEqual({ kind: 'unavailable', reason: expect.stringContaining('ECONNREFUSED') });
    expect(auditOutcome(JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 }))).toMatchObject({ kind: 'unavailable' });
    expect(auditOutcome('')).toMatchObject({ kind: 'unavailable' });
  });
});

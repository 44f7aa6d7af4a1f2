import fs from 'node:fs';
import path from 'node:path';
import type { OperationName, RequestOf, ResponseOf } from '../../shared/api/contract.js';
import type { ApiError, Envelope } from '../../shared/api/errors.js';
import type { Core } from '../../main/core/index.js';

/**
 * Calls an operation that must succeed, through the typed client (the request is checked against
 * the contract at compile time), and returns its value. A refusal throws the client's ApiCallError.
 */
export function ok<K extends OperationName>(core: Core, name: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  return core.client.call(name, request);
}

/**
 * Calls an operation that must fail, and returns its error. Untyped on purpose: it goes through
 * the dispatcher, the entry point that must refuse anything, so a test can send any name and value.
 */
export async function fails(core: Core, name: string, request: unknown): Promise<ApiError> {
  const envelope: Envelope<unknown> = await core.dispatch(name, request);
  if (envelope.ok) throw new Error(`${name} should have failed`);
  return envelope.error;
}

/** Every byte of the records folder, to prove that a refused request wrote nothing. */
export function snapshot(dir: string): string {
  const records = path.join(dir, 'records');
  if (!fs.existsSync(records)) return '';
  return fs
    .readdirSync(records)
    .sort()
    .map((f) => `${f}:${fs.readFileSync(path.join(records, f), 'utf8')}`)
    .join('\n');
}

/** Runs a command of the CLI in-process: what it printed (one string), its exit code, and its error. */
export async function runCli(
  run: (argv: string[], out: (line: string) => void) => Promise<void>,
  argv: string[],
): Promise<{ out: string; code: number; error?: string }> {
  const lines: string[] = [];
  try {
    await run(argv, (line) => lines.push(line));
    return { out: lines.join('\n'), code: 0 };
  } catch (error) {
    return { out: lines.join('\n'), code: (error as { code?: number }).code ?? -1, error: (error as Error).message };
  }
}

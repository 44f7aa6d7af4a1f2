import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering rule in eslint.config.js, exercised through ESLint's Node API with the project's
 * own configuration. The file paths need not exist: lintText only uses them to pick the config.
 */
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function layeringMessages(file: string, specifier: string) {
  const code = `import * as target from '${specifier}';\nexport const used = target;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
  expect(result, 'ESLint returned no result: is the file ignored?').toBeDefined();
  // A parse error would hide the rule; make sure the file was really linted.
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports');
}

describe('the layering rule refuses wrong imports', () => {
  it.each([
    ['renderer/src/x.ts', '../../main/core/index.js'],
    ['renderer/src/x.ts', 'node:fs'],
    ['renderer/src/x.ts', 'fs'],
    ['renderer/src/x.ts', 'electron'],
    ['renderer/src/pages/x.tsx', '../../../main/host/server.js'],
    ['shared/x.ts', 'node:path'],
    ['shared/x.ts', 'react'],
    ['shared/x.ts', '../main/core/index.js'],
    ['shared/api/x.ts', '../../renderer/src/transport.js'],
    ['main/core/x.ts', 'electron'],
    ['main/core/x.ts', '../electron/security.js'],
    ['main/core/x.ts', '../host/server.js'],
    ['main/core/x.ts', '../../main/host/server.js'],
    ['main/host/x.ts', '../electron/security.js'],
    ['main/host/x.ts', 'electron'],
    ['main/electron/x.ts', '../host/server.js'],
    ['main/electron/x.ts', '../../renderer/src/App.js'],
  ])('%s importing %s → error', async (file, specifier) => {
    const messages = await layeringMessages(file, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.severity).toBe(2);
  });

  it('also refuses a type-only import across layers', async () => {
    const code = "import type { Core } from '../../main/core/index.js';\nexport type C = Core;\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), 'renderer/src/x.ts') });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(1);
  });

  it('also refuses a re-export across layers', async () => {
    const code = "export { createCore } from '../main/core/index.js';\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), 'shared/x.ts') });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(1);
  });
});

describe('the layering rule allows right imports', () => {
  it.each([
    ['renderer/src/x.ts', '../../shared/api/contract'],
    ['renderer/src/x.ts', 'react'],
    ['renderer/src/x.ts', './transport.js'],
    ['shared/x.ts', 'zod'],
    ['shared/api/x.ts', '../settings.js'],
    ['main/core/x.ts', 'node:fs'],
    ['main/core/x.ts', '../../shared/api/contract.js'],
    ['main/core/x.ts', './settings.js'],
    ['main/electron/x.ts', 'electron'],
    ['main/electron/x.ts', '../core/index.js'],
    ['main/host/x.ts', '../core/index.js'],
    ['main/host/x.ts', 'node:http'],
  ])('%s importing %s → no layering message', async (file, specifier) => {
    expect(await layeringMessages(file, specifier)).toEqual([]);
  });
});

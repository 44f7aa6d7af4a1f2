import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../shared/api/contract.js';

const RENDERER = path.join(process.cwd(), 'renderer', 'src');

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
    ['renderer/src/pages/actions/x.tsx', '../../../../main/core/index.js'],
    ['renderer/src/hooks/x.ts', '../../../main/host/server.js'],
    ['renderer/src/app/x.tsx', 'node:fs'],
    ['renderer/src/api/x.ts', 'electron'],
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

describe('the renderer reads records only through its hooks', () => {
  const restricted = async (file: string) => {
    const code = "export const read = (api: { call(n: string, r: unknown): unknown }) => api.call('records.query', { kind: 'nap' });\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
    expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
  };

  it.each(['renderer/src/pages/naps/x.tsx', 'renderer/src/components/x.tsx', 'renderer/src/app/x.tsx'])('a query in %s → error', async (file) => {
    expect(await restricted(file)).toHaveLength(1);
  });

  it('a query in renderer/src/hooks/ is allowed, and __proto__ stays refused everywhere', async () => {
    expect(await restricted('renderer/src/hooks/x.ts')).toEqual([]);
    const code = "export const bad = { ['__proto__']: 1 };\n";
    for (const file of ['renderer/src/pages/x.tsx', 'renderer/src/hooks/x.ts']) {
      const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
      expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax'), file).toHaveLength(1);
    }
  });

  it('no file of the renderer outside hooks/ names records.query', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (file !== path.join(RENDERER, 'hooks')) walk(file);
        } else if (/\.tsx?$/.test(entry.name) && fs.readFileSync(file, 'utf8').includes("'records.query'")) offenders.push(path.relative(RENDERER, file));
      }
    };
    walk(RENDERER);
    expect(offenders).toEqual([]);
  });
});

describe('the renderer is laid out by page', () => {
  it('has a folder per page of the navigation, holding that page', () => {
    for (const page of PAGES) {
      const folder = path.join(RENDERER, 'pages', page);
      const name = `${page[0]!.toUpperCase()}${page.slice(1)}Page.tsx`;
      expect(fs.existsSync(path.join(folder, name)), `pages/${page}/${name}`).toBe(true);
    }
  });

  it('keeps only the entry point and the global styles at its top level', () => {
    const loose = fs.readdirSync(RENDERER, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
    expect(loose).toEqual(['main.tsx', 'styles.css']);
  });
});

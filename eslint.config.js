// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The layering rule (DESIGN §2): renderer → shared; main/electron → main/core → shared;
 * main/host → main/core → shared; shared imports no Node built-in and no DOM library.
 * Plain `no-restricted-imports` per folder: a wrong import fails `npm run lint` and so CI.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (message, patterns, paths = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.map((regex) => ({ regex, message })),
    },
  ],
});

const electronPackages = ['electron', 'electron-store'];

const NO_PROTO = { selector: 'Literal[value=/^__proto__$/]', message: 'Do not touch __proto__.' };
/** Lists sort text one way (shared/records/sort.ts): by the version shown, numbers in numeric order, case and accents aside. */
const ONE_SORT = [
  { selector: "NewExpression[callee.object.name='Intl'][callee.property.name='Collator']", message: 'Sort text with compareText/textCollator from shared/records/sort.ts.' },
  { selector: "CallExpression[callee.property.name='localeCompare'][arguments.length>1]", message: 'Sort text with compareText/textCollator from shared/records/sort.ts.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'scratch/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', NO_PROTO, ...ONE_SORT],
    },
  },
  {
    files: ['shared/records/sort.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_PROTO] },
  },
  {
    // Pages read records through the hooks in renderer/src/hooks/ (one loader, reloaded when the
    // core announces a change), never with a query of their own.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/hooks/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        NO_PROTO,
        ...ONE_SORT,
        { selector: 'TSAsExpression > TSNeverKeyword', message: 'No `as never`: type the value (the contract, KindFields, the form values) instead.' },
        { selector: "Literal[value='records.query']", message: 'Read records through a hook in renderer/src/hooks/ (useRecords…), not records.query.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer(
        'renderer/ may import only shared/ and its own files; it talks to the core through the API client.',
        ['^(\\.\\./)+main(/|$)', '^(\\.\\./)+(locales|scripts|tests)(/|$)'],
        [...nodeBuiltins, ...electronPackages, 'conf'],
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer(
      'shared/ is isomorphic: no Node built-ins, no DOM or React, nothing from main/ or renderer/.',
      ['^(\\.\\./)+(main|renderer)(/|$)'],
      [...nodeBuiltins, ...electronPackages, 'conf', 'react', 'react-dom', '@mantine/core', 'react-i18next'],
    ),
  },
  {
    files: ['main/core/**/*.ts'],
    rules: layer(
      'main/core/ is plain Node: it never imports Electron, the hosts, or the renderer.',
      ['^(\\.\\./)+(electron|host|renderer)(/|$)', '^(\\.\\./)+main/(electron|host)(/|$)'],
      electronPackages,
    ),
  },
  {
    files: ['main/host/**/*.ts'],
    rules: layer(
      'main/host/ may import main/core/ and shared/ only: never Electron, the Electron shell or the renderer.',
      ['^(\\.\\./)+(electron|renderer)(/|$)', '^(\\.\\./)+main/electron(/|$)'],
      electronPackages,
    ),
  },
  {
    files: ['main/cli/**/*.ts'],
    rules: layer(
      'main/cli/ may import main/core/ and shared/ only: never Electron, the hosts or the renderer.',
      ['^(\\.\\./)+(electron|host|renderer)(/|$)', '^(\\.\\./)+main/(electron|host)(/|$)'],
      electronPackages,
    ),
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: layer(
      'main/electron/ may import main/core/ and shared/ only: not the browser host or the renderer.',
      ['^(\\.\\./)+(host|renderer)(/|$)', '^(\\.\\./)+main/host(/|$)'],
    ),
  },
);

import { parseArgs } from 'node:util';

export interface StartArgs {
  browser: boolean;
  open: boolean;
  dataDir: string | undefined;
  port: number;
  help: boolean;
}

/** `npm start -- [--browser] [--no-open] [--data DIR] [--port N]`. Throws with a readable message. */
export function parseStartArgs(argv: readonly string[]): StartArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      browser: { type: 'boolean', default: false },
      open: { type: 'boolean', default: true },
      'no-open': { type: 'boolean', default: false },
      data: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  return {
    browser: values.browser,
    open: values.open && !values['no-open'],
    dataDir: values.data,
    port,
    help: values.help,
  };
}

/**
 * `--data DIR` or `--data=DIR` among arguments that may also hold switches meant for Chromium
 * (the Electron shell sees those too), so no strict parsing here.
 */
export function findDataDir(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data') return argv[i + 1];
    if (arg.startsWith('--data=')) return arg.slice('--data='.length);
  }
  return undefined;
}

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchLanguage } from '../../shared/i18n/languages.js';
import { createMainI18n } from '../core/i18n.js';
import { openCore } from '../core/index.js';
import { acquireInstanceLock, releaseInstanceLock, updateInstanceLock } from '../core/instance-lock.js';
import { PRODUCT_NAME } from '../core/meta.js';
import { defaultDataDir, systemLocales } from '../core/paths.js';
import { parseStartArgs, type StartArgs } from '../core/start-args.js';
import { findChromium, openAppWindow } from './chromium.js';
import { findElectronBinary } from './electron-binary.js';
import { startHostServer } from './server.js';

/** out/main → the project root (where package.json and out/renderer are). */
const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const t = createMainI18n(matchLanguage(systemLocales()) ?? 'en').t;

function runElectron(binary: string, argv: readonly string[]): void {
  const child = spawn(binary, [appRoot, ...argv], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

async function runBrowserHost(args: StartArgs): Promise<void> {
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir(PRODUCT_NAME));
  const other = acquireInstanceLock(dataDir, { pid: process.pid, url: null });
  if (other) {
    console.log(t('launcher.alreadyRunning', { dataDir }));
    if (other.url) console.log(other.url);
    process.exit(0);
  }
  const core = await openCore({ dataDir, host: 'browser', systemLocales: systemLocales(), indexAtOpen: true, team: { watch: true } });
  const server = await startHostServer({
    core,
    staticDir: path.join(appRoot, 'out', 'renderer'),
    port: args.port,
  });
  updateInstanceLock(dataDir, { pid: process.pid, url: server.launchUrl });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await core.close();
    releaseInstanceLock(dataDir);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  console.log(t('launcher.running', { url: server.launchUrl, dataDir }));
  if (!args.open) return;
  const browser = findChromium();
  if (!browser) {
    console.log(t('launcher.noBrowser'));
    return;
  }
  const window = openAppWindow(browser, server.launchUrl, path.join(dataDir, 'browser-profile'));
  // Closing the app window ends the app, as closing the Electron window does.
  window.on('exit', () => void stop());
  window.on('error', () => console.log(t('launcher.noBrowser')));
}

async function main(argv: readonly string[]): Promise<void> {
  let args: StartArgs;
  try {
    args = parseStartArgs(argv);
  } catch (error) {
    console.error(t('launcher.badArgs', { reason: (error as Error).message }));
    console.error(t('launcher.help'));
    process.exit(2);
  }
  if (args.help) {
    console.log(t('launcher.help'));
    return;
  }
  if (!args.browser) {
    const electron = findElectronBinary(appRoot);
    if (electron.found) return runElectron(electron.path, argv);
    console.log(t('launcher.noElectron'));
  }
  await runBrowserHost(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(t('launcher.failed', { reason: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});

import os from 'node:os';
import path from 'node:path';

/**
 * The data folder when none is given: the same place Electron's app.getPath('userData') uses,
 * so the desktop app and the browser host open the same workspace.
 */
export function defaultDataDir(
  productName: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), productName);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', productName);
  }
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), productName);
}

/** The operating system's preferred locales, best first, as Node sees them without Electron. */
export function systemLocales(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = [env.LC_ALL, env.LC_MESSAGES, env.LANG, ...(env.LANGUAGE ?? '').split(':')];
  const tags = fromEnv.filter((v): v is string => !!v && v !== 'C' && !v.startsWith('C.') && v !== 'POSIX');
  tags.push(Intl.DateTimeFormat().resolvedOptions().locale);
  return tags;
}

import { describe, expect, it } from 'vitest';
import { findDataDir, parseStartArgs } from '../../main/core/start-args.js';

describe('parseStartArgs', () => {
  it('has defaults', () => {
    expect(parseStartArgs([])).toEqual({ browser: false, open: true, dataDir: undefined, port: 0, help: false });
  });

  it('reads --browser --no-open --data /x --port 8080', () => {
    expect(parseStartArgs(['--browser', '--no-open', '--data', '/x', '--port', '8080'])).toEqual({
      browser: true,
      open: false,
      dataDir: '/x',
      port: 8080,
      help: false,
    });
  });

  it('reads --data=DIR, --port=N and -h', () => {
    expect(parseStartArgs(['--data=/y', '--port=65535', '-h'])).toEqual({
      browser: false,
      open: true,
      dataDir: '/y',
      port: 65535,
      help: true,
    });
  });

  it.each(['99999', 'abc', '-1', '80.5', '65536'])('refuses --port %s with a message naming --port', (port) => {
    expect(() => parseStartArgs(['--port', port])).toThrow(/--port/);
  });

  it('refuses an unknown flag', () => {
    expect(() => parseStartArgs(['--bogus'])).toThrow(/bogus/);
  });

  it('refuses a positional argument', () => {
    expect(() => parseStartArgs(['somewhere'])).toThrow();
  });
});

describe('findDataDir', () => {
  it('finds --data DIR among other switches', () => {
    expect(findDataDir(['--foo', '--data', '/d'])).toBe('/d');
  });

  it('finds --data=DIR', () => {
    expect(findDataDir(['--data=/e'])).toBe('/e');
  });

  it('is undefined when there is none', () => {
    expect(findDataDir([])).toBeUndefined();
    expect(findDataDir(['--foo', '--database', '/z', '--data-x=/q'])).toBeUndefined();
  });

  it('takes the first one given', () => {
    expect(findDataDir(['--data=/first', '--data', '/second'])).toBe('/first');
  });
});

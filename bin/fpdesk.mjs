#!/usr/bin/env node
// `npx fpdesk …` from the repository: the built CLI when there is one, else the sources via tsx.
import { existsSync } from 'node:fs';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../main/cli/bin.ts', import.meta.url).href);
}

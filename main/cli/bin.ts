import { main } from './index.js';

// `fpdesk records list … | head`: once the reader has gone, there is no one left to tell.
// Ending quietly is what every command-line tool does; a stack trace about EPIPE helps nobody.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));

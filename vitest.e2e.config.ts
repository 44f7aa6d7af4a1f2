import { defineConfig } from 'vitest/config';

/** End-to-end: the built app through the browser host, driven in Chromium by Playwright. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Each file starts its own hosts and browser; two cores here, so run files one at a time.
    fileParallelism: false,
  },
});

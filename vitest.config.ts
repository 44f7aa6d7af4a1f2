import { defineConfig } from 'vitest/config';

/** Unit and integration tests: plain Node, no browser, no Electron binary. */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});

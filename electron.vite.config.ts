import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

/**
 * One build for every part: the Electron main process and the browser host (out/main), the
 * sandboxed preload bundled into one CommonJS file (out/preload), the renderer (out/renderer).
 */
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: {
        input: {
          electron: resolve(root, 'main/electron/main.ts'),
          start: resolve(root, 'main/host/start.ts'),
          cli: resolve(root, 'main/cli/bin.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { preload: resolve(root, 'main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      // A sandboxed preload can require only 'electron': everything else is bundled in.
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
      chunkSizeWarningLimit: 2000,
    },
  },
});

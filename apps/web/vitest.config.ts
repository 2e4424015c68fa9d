import { defineConfig } from 'vitest/config';
import { sharedViteConfig } from './test/shared-vite-config.ts';

export default defineConfig({
  ...sharedViteConfig,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/browser/harness-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});

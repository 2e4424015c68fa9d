import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // End-to-end installs build images and wait for agents to report.
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});

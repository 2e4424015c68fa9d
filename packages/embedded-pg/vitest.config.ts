import { defineConfig } from 'vitest/config';

// Tests that start PostgreSQL run initdb (about a second on an idle machine, several under load).
export default defineConfig({
  test: { testTimeout: 60_000, include: ['src/**/*.test.ts'] },
});

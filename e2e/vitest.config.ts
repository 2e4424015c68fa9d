import { defineConfig } from 'vitest/config';

// One fault at a time: each test owns its processes and ports, and timing-sensitive
// faults (ping timeouts, backoff) are judged more reliably on an otherwise idle machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});

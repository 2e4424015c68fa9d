import { defineConfig } from 'vitest/config';

// One fault at a time: each test owns its processes and ports, and timing-sensitive
// faults (ping timeouts, backoff) are judged more reliably on an otherwise idle machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // A console poll waits on a server round trip (a form's server action, a page reload): the
    // same budget as a Playwright wait in these tests (browser.ts: the context's 15 s default),
    // not vitest's 1 s, which a loaded CI machine overran while the server was merely slow.
    expect: { poll: { timeout: 15_000 } },
  },
});

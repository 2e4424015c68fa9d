import path from 'node:path';
import type { NextConfig } from 'next';

/** The monorepo root: standalone output traces workspace packages (@berth/config) from here. */
const root = path.join(import.meta.dirname, '..', '..');

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** Pages reached through a link with a secret in it (reset, invite, unlock). */
const TOKEN_PAGES = ['/reset-password/:path*', '/invite/:path*', '/sign-in/unlock'];

/**
 * `/api/v1/*` is NOT a `rewrites()` entry: rewrites are frozen into the build (the API
 * address could not change at run time in the Docker image) and Next's rewrite proxy cuts
 * responses after 30 s, which kills the SSE stream. src/app/api/v1/[...path]/route.ts
 * pipes requests and responses instead (see README.md, "API proxy").
 */
const config: NextConfig = {
  // Lets parallel builds (a benchmark beside a test run) use separate output folders.
  distDir: process.env.BERTH_WEB_DIST_DIR ?? '.next',
  output: 'standalone',
  outputFileTracingRoot: root,
  turbopack: { root },
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Pages opened from an e-mailed link carry a one-time token in their URL: no Referer
      // may take it to another origin (later entries win for the same header).
      ...TOKEN_PAGES.map((source) => ({
        source,
        headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
      })),
    ];
  },
};

export default config;

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { sharedViteConfig } from '../shared-vite-config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    harnessUrl: string;
  }
}

const harnessRoot = path.join(import.meta.dirname, 'harness');

/**
 * Builds the component harness (the real components, bundled by Vite, no Next server) once
 * and serves it on a free local port for the browser tests.
 */
export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(path.join(tmpdir(), 'berth-web-harness-'));
  const config = {
    ...sharedViteConfig,
    root: harnessRoot,
    configFile: false as const,
    // Bundler notes about 'use client' directives and chunk sizes are expected here, only noise.
    logLevel: 'error' as const,
  };
  await build({ ...config, build: { outDir, emptyOutDir: true, sourcemap: false } });
  const server = await preview({
    ...config,
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the harness preview server did not report its URL');
  project.provide('harnessUrl', url.replace(/\/$/, ''));
  return async () => {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    await rm(outDir, { recursive: true, force: true });
  };
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const srcDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * This package is meant to run inside the agent (a Bun-compiled executable on every customer
 * host): runtime code uses only fetch, Web Crypto, TextEncoder/atob and zod — no node: modules,
 * no file or process access (callers read Docker's config.json and pass its text).
 */
describe('the registry package as the agent would bundle it', () => {
  it('imports no node: module and nothing but zod outside its own files', () => {
    const runtime = readdirSync(srcDir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    const imports = runtime.flatMap((file) =>
      [...readFileSync(path.join(srcDir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? ''),
    );
    expect(imports.filter((specifier) => !specifier.startsWith('./') && specifier !== 'zod/mini')).toEqual(
      [],
    );
  });

  it('bundles for a neutral platform with only its sources and zod', async () => {
    const result = await build({
      entryPoints: [path.join(srcDir, 'index.ts')],
      bundle: true,
      platform: 'neutral',
      mainFields: ['module', 'main'],
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const npm = new Set(
      inputs.flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []),
    );
    expect([...npm]).toEqual(['zod']);
    // Small enough to ride along in the agent (zod/mini is already in its bundle).
    expect(result.outputFiles[0]?.contents.length).toBeLessThan(60_000);
  });
});

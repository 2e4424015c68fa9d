import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * Everything the agent imports is bundled onto every customer host: it reaches the server side
 * only through the wire contract (@berth/protocol), never through another app or a server package
 * (not even @berth/config: its module builds every server's environment schema at import).
 * @berth/registry is the image update check the agent runs for the gateway: fetch, Web Crypto and
 * zod/mini only, no `node:` imports (its own bundle test holds it to that).
 */
const ALLOWED_WORKSPACE_PACKAGES = new Set(['@berth/protocol', '@berth/registry']);
const TEST_ONLY_PACKAGES = new Set(['@berth/test-docker']);

const srcDir = path.dirname(fileURLToPath(import.meta.url));
const packageJson = JSON.parse(readFileSync(path.join(srcDir, '..', 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importSpecifiers(source: string): string[] {
  const pattern =
    /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? '');
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isTestFile(file: string): boolean {
  return file.endsWith('.test.ts') || file.split(path.sep).includes('test');
}

describe('the agent imports', () => {
  const files = sourceFiles(srcDir);

  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    const sample =
      "import {\n  x,\n} from './a.js';\nexport { y } from '@berth/db';\nimport 'b';\nawait import('c');";
    expect(importSpecifiers(sample)).toEqual(['./a.js', '@berth/db', 'b', 'c']);
  });

  it('nothing outside apps/agent/src by relative path', () => {
    const escaping = files.flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .filter((specifier) =>
          path.relative(srcDir, path.resolve(path.dirname(file), specifier)).startsWith('..'),
        )
        .map((specifier) => `${path.relative(srcDir, file)}: ${specifier}`),
    );
    expect(escaping).toEqual([]);
  });

  it('only node built-ins, its declared dependencies and the allowed workspace packages at run time', () => {
    const declared = new Set(Object.keys(packageJson.dependencies));
    const refused = files
      .filter((file) => !isTestFile(file))
      .flatMap((file) =>
        importSpecifiers(readFileSync(file, 'utf8'))
          .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
          .map(packageName)
          .filter(
            (name) =>
              !declared.has(name) || (name.startsWith('@berth/') && !ALLOWED_WORKSPACE_PACKAGES.has(name)),
          )
          .map((name) => `${path.relative(srcDir, file)}: ${name}`),
      );
    expect(refused).toEqual([]);
  });

  it('declares no server-side workspace package', () => {
    const workspace = Object.keys(packageJson.dependencies).filter((name) => name.startsWith('@berth/'));
    expect(workspace.filter((name) => !ALLOWED_WORKSPACE_PACKAGES.has(name))).toEqual([]);
  });

  it('tests use only the allowed packages and @berth/test-docker', () => {
    const refused = files.filter(isTestFile).flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8'))
        .map(packageName)
        .filter((name) => name.startsWith('@berth/'))
        .filter((name) => !ALLOWED_WORKSPACE_PACKAGES.has(name) && !TEST_ONLY_PACKAGES.has(name))
        .map((name) => `${path.relative(srcDir, file)}: ${name}`),
    );
    expect(refused).toEqual([]);
  });
});

/** The npm packages whose code may end up in the bundle every host runs. */
const BUNDLED_PACKAGES = new Set(['zod', 'ws']);

describe('the agent bundle', () => {
  it('holds only the agent, the wire contract and its declared runtime packages', async () => {
    // The same entry and platform as scripts/bundle.mjs, in memory: what would ship.
    const result = await build({
      entryPoints: [path.join(srcDir, 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const workspace = new Set(
      inputs.flatMap((input) => /(?:^|\/)packages\/([^/]+)\//.exec(input)?.[1] ?? []),
    );
    const npm = new Set(
      inputs.flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []),
    );
    expect([...workspace].sort()).toEqual(['protocol', 'registry']);
    expect([...npm].filter((name) => !BUNDLED_PACKAGES.has(name))).toEqual([]);
  });
});

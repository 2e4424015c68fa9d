// Compiles the agent bundle (dist/berth-agent.mjs, from bundle.mjs) into one self-contained
// executable per target with `bun build --compile` — no Node.js needed on the host:
//   node scripts/compile.mjs [--bundle FILE] [--out-dir DIR] [--targets linux-x64-gnu,...]
// Writes <out-dir>/berth-agent-<target>, <target>.sha256 (`sha256sum -c` format, of the executable)
// and <target>.gz (what the API serves and its image carries: ~45 % of the size). Each target's
// runtime is the pinned Bun from the npm registry (bun-runtimes.mjs), passed explicitly with
// --compile-executable-path so Bun never downloads one. The bundle, not src/, is compiled: one
// bundler, so the executable runs exactly the code the Node bundle runs (and --agent-version
// bundles compile as that version). BERTH_AGENT_TARGET is defined as the target, for self-update.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AGENT_TARGETS, BUN_RUNTIMES, bunRuntime, hostTarget } from './bun-runtimes.mjs';

/** The ceiling for one executable; the Bun runtime alone is ~100-107 MB (see docs/benchmarks.md). */
const MAX_EXECUTABLE_BYTES = 112 * 1024 * 1024;

const agentDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { bundle: { type: 'string' }, 'out-dir': { type: 'string' }, targets: { type: 'string' } },
});
const bundle = resolve(agentDir, values.bundle ?? 'dist/berth-agent.mjs');
const outDir = resolve(agentDir, values['out-dir'] ?? 'dist/exe');
const targets = values.targets ? values.targets.split(',') : AGENT_TARGETS;
for (const target of targets) {
  if (!BUN_RUNTIMES[target]) {
    console.error(`compile: unknown target ${target} (known: ${AGENT_TARGETS.join(', ')})`);
    process.exit(2);
  }
}
if (!existsSync(bundle)) {
  console.log(`compile: ${relative(agentDir, bundle)} does not exist yet; skipping the executables`);
  process.exit(0);
}

const here = hostTarget();
if (!here) {
  console.error(`compile: this machine (${process.platform}-${process.arch}) cannot run Bun to compile`);
  process.exit(1);
}
const bun = bunRuntime(here);
mkdirSync(outDir, { recursive: true });

/** Compressions run on libuv's pool while the next target compiles. */
const compressions = [];
for (const target of targets) {
  const runtime = BUN_RUNTIMES[target];
  const out = resolve(outDir, `berth-agent-${target}`);
  const partial = `${out}.partial`;
  execFileSync(
    bun,
    [
      'build',
      bundle,
      '--compile',
      `--target=${runtime.bunTarget}`,
      `--compile-executable-path=${bunRuntime(target)}`,
      `--define=BERTH_AGENT_TARGET=${JSON.stringify(target)}`,
      // The agent reads its configuration from flags and the environment only.
      '--no-compile-autoload-dotenv',
      '--no-compile-autoload-bunfig',
      `--outfile=${partial}`,
    ],
    { cwd: dirname(bundle), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const size = statSync(partial).size;
  if (size > MAX_EXECUTABLE_BYTES) {
    console.error(`compile: ${basename(out)} is ${size} bytes, over ${MAX_EXECUTABLE_BYTES}`);
    process.exit(1);
  }
  if (target === here) {
    const smoke = spawnSync(partial, ['--version'], { encoding: 'utf8', env: {} });
    if (smoke.status !== 0) {
      console.error(`compile: ${basename(out)} --version failed (exit ${smoke.status}):\n${smoke.stderr}`);
      process.exit(1);
    }
  }
  renameSync(partial, out);
  const executable = readFileSync(out);
  const sha256 = createHash('sha256').update(executable).digest('hex');
  writeFileSync(`${out}.sha256`, `${sha256}  ${basename(out)}\n`);
  console.log(
    `compile: ${relative(agentDir, out)} ${(size / 1024 / 1024).toFixed(1)} MiB sha256 ${sha256}${target === here ? ' (--version ok)' : ''}`,
  );
  compressions.push(compress(out, executable));
}
await Promise.all(compressions);

/**
 * <out>.gz, written whole or not at all. Level 6: level 9 saves 0.1 % of ~50 MiB for a third
 * more time. The sha256 stays that of the executable: what install.sh and self-update check
 * after the transfer is undone.
 */
async function compress(out, executable) {
  const packed = await promisify(gzip)(executable, { level: 6 });
  writeFileSync(`${out}.gz.partial`, packed);
  renameSync(`${out}.gz.partial`, `${out}.gz`);
  console.log(`compile: ${relative(agentDir, out)}.gz ${(packed.length / 1024 / 1024).toFixed(1)} MiB`);
}

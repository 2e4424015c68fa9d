// Bundles the agent into one file that runs with a plain `node` (no node_modules on the host):
//   node scripts/bundle.mjs [--entry FILE] [--out FILE] [--agent-version SEMVER]
// --agent-version builds the bundle as another version (tests of the agent's self-update).
// Skips (exit 0) while src/main.ts does not exist yet. After bundling, runs `<bundle> --help`
// to prove the file starts, and prints its size and sha256.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { agentBundleOptions } from './bundle-options.mjs';

const agentDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { entry: { type: 'string' }, out: { type: 'string' }, 'agent-version': { type: 'string' } },
});
const agentVersion = values['agent-version'];
if (agentVersion !== undefined && !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(agentVersion)) {
  console.error(`bundle: --agent-version must be a semantic version (got ${JSON.stringify(agentVersion)})`);
  process.exit(2);
}
/** Replaces src/cli/agent-version.ts, so --version, hello and logs all say the overridden version. */
const versionOverride = {
  name: 'agent-version',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]cli[\\/]agent-version\.ts$/ }, () => ({
      contents: `export const AGENT_VERSION = ${JSON.stringify(agentVersion)};\n`,
      loader: 'ts',
    }));
  },
};
const entry = resolve(agentDir, values.entry ?? 'src/main.ts');
const outfile = resolve(agentDir, values.out ?? 'dist/berth-agent.mjs');

if (!existsSync(entry)) {
  console.log(`bundle: ${relative(agentDir, entry)} does not exist yet; skipping the single-file bundle`);
  process.exit(0);
}

const result = await build({
  ...agentBundleOptions({
    entry,
    outfile,
    plugins: agentVersion === undefined ? [] : [versionOverride],
  }),
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
});

const size = statSync(outfile).size;
const sha256 = createHash('sha256').update(readFileSync(outfile)).digest('hex');
const inputs = Object.entries(result.metafile.outputs[relative(process.cwd(), outfile)]?.inputs ?? {});
const byPackage = new Map();
for (const [path, { bytesInOutput }] of inputs) {
  const name =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ??
    (path.includes('packages/') ? '@berth/*' : 'agent');
  byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
}
const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6);

const smoke = spawnSync(process.execPath, [outfile, '--help'], {
  encoding: 'utf8',
  env: {}, // the bundle must start with no environment at all
});
if (smoke.status !== 0) {
  console.error(
    `bundle: ${relative(agentDir, outfile)} --help failed (exit ${smoke.status}):\n${smoke.stderr}`,
  );
  process.exit(1);
}

console.log(`bundle: ${relative(agentDir, outfile)} ${(size / 1024).toFixed(0)} KiB sha256 ${sha256}`);
console.log(
  `bundle: largest parts ${largest.map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KiB`).join(', ')}`,
);
console.log(`bundle: \`node ${relative(agentDir, outfile)} --help\` ok`);

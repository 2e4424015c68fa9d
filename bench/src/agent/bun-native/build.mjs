// Measurement only (docs/benchmarks.md, "Agent memory"): the agent bundle with its Engine client,
// gateway socket and HTTP probes on Bun's own fetch and WebSocket instead of node:http, node:https,
// node:net and ws, compiled like the shipped executable. Not the agent: exec (a hijacked
// connection) and TCP checks throw, HTTPS checks report no certificate expiry, and nothing here is
// tested. Build after the agent (`npx turbo run build --filter=@berth/agent`), then compare it in
// bench:agent's windows:
//   node bench/src/agent/bun-native/build.mjs [--out FILE]   (default /tmp/berth-agent-bun-native)
//   BENCH_AGENT_VARIANTS='native:/tmp/berth-agent-bun-native,BUN_JSC_useJIT=0' npm run bench:agent
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { bunRuntime, hostTarget } from '../../../../apps/agent/scripts/bun-runtimes.mjs';
import { agentBundleOptions } from '../../../../apps/agent/scripts/bundle-options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const agentDir = resolve(here, '../../../../apps/agent');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? '/tmp/berth-agent-bun-native');
const bundle = `${out}.mjs`;

const bunNative = {
  name: 'bun-native',
  setup(builder) {
    builder.onResolve({ filter: /^ws$/ }, () => ({ path: join(here, 'ws-shim.mjs') }));
    builder.onLoad({ filter: /engine-client[\\/]engine-transport\.ts$/ }, (args) => ({
      contents: readFileSync(join(here, 'engine-transport.ts.txt'), 'utf8'),
      loader: 'ts',
      resolveDir: dirname(args.path),
    }));
    builder.onLoad({ filter: /checks[\\/]probe\.ts$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      const imports =
        "import http from 'node:http';\nimport https from 'node:https';\nimport net from 'node:net';\n";
      if (!source.includes(imports)) throw new Error('probe.ts changed: update bun-native/build.mjs');
      source = source.replace(
        imports,
        "const net: any = { connect() { throw new Error('bun-native measurement build: no TCP checks'); } };\n",
      );
      const start = source.indexOf('function request(');
      const end = source.indexOf('function peerCertificate(');
      if (start < 0 || end < start) throw new Error('probe.ts changed: update bun-native/build.mjs');
      source =
        source.slice(0, start) + readFileSync(join(here, 'probe-request.ts.txt'), 'utf8') + source.slice(end);
      source = source.replace('headers: http.IncomingHttpHeaders;', 'headers: { location?: string };');
      return { contents: source, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

await build(
  agentBundleOptions({ entry: join(agentDir, 'src/main.ts'), outfile: bundle, plugins: [bunNative] }),
);
const left = [...readFileSync(bundle, 'utf8').matchAll(/from"(node:(?:http|https|net|tls))"/g)].map(
  (m) => m[1],
);
if (left.length > 0) throw new Error(`the bundle still imports ${left.join(', ')}`);

const target = hostTarget();
const bun = bunRuntime(target);
execFileSync(
  bun,
  [
    'build',
    bundle,
    '--compile',
    `--compile-executable-path=${bun}`,
    `--define=BERTH_AGENT_TARGET=${JSON.stringify(target)}`,
    '--no-compile-autoload-dotenv',
    '--no-compile-autoload-bunfig',
    `--outfile=${out}`,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
console.log(`bun-native: ${out} (${execFileSync(out, ['--version'], { encoding: 'utf8', env: {} }).trim()})`);

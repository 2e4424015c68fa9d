#!/usr/bin/env node
// Stages the /app tree of a Berth service image from a checkout where the service is built:
//
//   node infra/docker/stage-service.mjs <api|gateway|alerter|web> <out-dir>
//
// api, gateway, alerter: the service's dist/, the dist/ of each workspace package it imports, and exactly
// its production dependencies, copied from the installed node_modules with the repository's
// layout (workspace packages linked from node_modules/@berth/ as npm does). Optional peer
// dependencies are left out: that is where the prisma CLI (and typescript) would come from.
// web: Next.js's standalone output (already traced to the files the server needs), its static
// assets and public/. Type declarations and source maps are dropped everywhere.
//
// Both image builds use it: the Dockerfiles' build stage (online) and build-service-image.sh
// (offline, from this checkout), so both ship the same tree. Plain Node.js, no dependencies.
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** What each service's image holds besides the service and its dependencies. */
const SERVICES = {
  api: {
    app: 'apps/api',
    // GET /install.sh and /agent/berth-agent-linux-<arch>-<libc> read these relative to apps/api/dist; the
    // migrate one-shot (packages/db/dist/cli/migrate.js) reads prisma/migrations.
    extra: ['prisma/migrations', 'infra/install.sh', 'apps/agent/package.json', 'apps/agent/dist/exe'],
  },
  gateway: { app: 'apps/gateway', extra: [] },
  alerter: { app: 'apps/alerter', extra: [] },
};

const fail = (message) => {
  process.stderr.write(`stage-service: error: ${message}\n`);
  process.exit(1);
};

const [service, outArg] = process.argv.slice(2);
if (!service || !outArg || process.argv.length > 4)
  fail('usage: node infra/docker/stage-service.mjs <api|gateway|alerter|web> <out-dir>');
const out = resolve(outArg);

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const isRuntimeFile = (path) => !/\.(d\.[cm]?ts|map|tsbuildinfo)$/.test(path);
const need = (path) => {
  if (!existsSync(join(ROOT, path))) fail(`${path} is missing: build the service first (npm run build)`);
  return path;
};
/** Copies ROOT/from to out/to, without type declarations, source maps and `skip` (absolute). */
const copy = (from, to = from, skip = () => false) =>
  cpSync(join(ROOT, from), join(out, to), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !skip(source) && isRuntimeFile(source),
  });

/** Node's lookup of `name` from the real directory `from`: the nearest node_modules/<name>. */
function lookup(name, from) {
  for (let dir = from; dir === ROOT || dir.startsWith(`${ROOT}${sep}`); dir = dirname(dir)) {
    if (basename(dir) === 'node_modules') continue;
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

/**
 * Every package directory (as npm laid it out, possibly a workspace link) the package at `start`
 * needs at run time: dependencies, optional dependencies that are installed (this platform's),
 * and peer dependencies that are not optional.
 */
function productionClosure(start) {
  const found = new Map(); // install path -> real path
  const queue = [realpathSync(start)];
  while (queue.length > 0) {
    const real = queue.shift();
    const manifest = readJson(join(real, 'package.json'));
    const optionalPeers = new Set(
      Object.entries(manifest.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta?.optional)
        .map(([name]) => name),
    );
    const wanted = [
      ...Object.keys(manifest.dependencies ?? {}).map((name) => [name, false]),
      ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => [name, true]),
      ...Object.keys(manifest.peerDependencies ?? {})
        .filter((name) => !optionalPeers.has(name))
        .map((name) => [name, false]),
    ];
    for (const [name, optional] of wanted) {
      const installed = lookup(name, real);
      if (!installed) {
        if (optional) continue;
        fail(
          `${name}, needed by ${relative(ROOT, real) || 'the repository'}, is not installed (npm install)`,
        );
      }
      if (found.has(installed)) continue;
      const target = realpathSync(installed);
      found.set(installed, target);
      queue.push(target);
    }
  }
  return found;
}

/**
 * @prisma/client carries a query compiler for every database it supports (~13 MB each); the
 * generated client loads only the one of the schema's datasource.
 */
function otherDatabasesCompilers() {
  const schema = readFileSync(join(ROOT, 'prisma/schema.prisma'), 'utf8');
  const provider = /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"(\w+)"/.exec(schema)?.[1];
  if (!provider) fail('no datasource provider in prisma/schema.prisma');
  return (path) => {
    const database = /[\\/]query_compiler_\w+_bg\.(\w+)\.[^\\/]+$/.exec(path)?.[1];
    return database !== undefined && database !== provider;
  };
}

function stageNodeService({ app, extra }) {
  copy('package.json');
  copy(need(`${app}/package.json`));
  copy(need(`${app}/dist`));
  // A file with a .gz beside it ships as the .gz alone (the agent executables: the API serves
  // the gzip, or undoes it for clients that take none — 4 × ~105 MiB become 4 × ~48 MiB).
  for (const path of extra) copy(need(path), path, (source) => existsSync(`${source}.gz`));
  for (const [installed, real] of productionClosure(join(ROOT, app))) {
    const at = relative(ROOT, installed);
    const source = relative(ROOT, real);
    const isWorkspace = !source.split(sep).includes('node_modules');
    if (!isWorkspace) {
      // Nested node_modules are in the closure themselves when they are needed.
      const nested = join(real, 'node_modules');
      const prune = at.endsWith(`${sep}@prisma${sep}client`) ? otherDatabasesCompilers() : () => false;
      copy(at, at, (path) => path === nested || prune(path));
      continue;
    }
    // A workspace package: its manifest and build output, linked where npm links it.
    copy(join(source, 'package.json'));
    if (existsSync(join(real, 'dist'))) copy(join(source, 'dist'));
    mkdirSync(dirname(join(out, at)), { recursive: true });
    symlinkSync(relative(dirname(join(out, at)), join(out, source)), join(out, at));
  }
}

function stageWeb() {
  const next = 'apps/web/.next';
  copy(need(`${next}/standalone`), '.');
  copy(need(`${next}/static`));
  if (existsSync(join(ROOT, 'apps/web/public'))) copy('apps/web/public');
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
if (service === 'web') stageWeb();
else if (Object.hasOwn(SERVICES, service)) stageNodeService(SERVICES[service]);
else fail(`unknown service ${service} (api, gateway or web)`);
process.stdout.write(`staged ${service} in ${out}\n`);

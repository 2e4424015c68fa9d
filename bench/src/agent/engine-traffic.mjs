// The agent's Engine API traffic and nothing else, for measuring what the HTTP client costs the
// Bun runtime (docs/benchmarks.md, "Agent memory: what stands between it and 50 MB"): one followed
// log stream per container labelled berth.bench=agent (those bench:agent runs), and every 10 s one
// one-shot stats request per container, parsed. argv[2] picks the client: `http` (node:http with a
// keep-alive agent holding at most 8 idle sockets, as the agent's Engine client) or `fetch` (Bun's
// fetch over the unix socket). Run it with the agent executable's own runtime while bench:agent's
// containers are up, and read /proc/<pid>/status:
//   BUN_BE_BUN=1 apps/agent/dist/exe/berth-agent-linux-x64-gnu bench/src/agent/engine-traffic.mjs fetch
import http from 'node:http';

const mode = process.argv[2];
if (mode !== 'http' && mode !== 'fetch') throw new Error('usage: engine-traffic.mjs http|fetch');
const socketPath = process.env.DOCKER_SOCKET ?? '/var/run/docker.sock';
const keepAlive = mode === 'http' ? new http.Agent({ keepAlive: true, maxFreeSockets: 8 }) : undefined;
let lines = 0;

function countLines(chunk) {
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
}

async function getJson(path) {
  if (mode === 'fetch') {
    const response = await fetch(`http://docker${path}`, { unix: socketPath });
    return JSON.parse(await response.text());
  }
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path, agent: keepAlive }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      })
      .on('error', reject);
  });
}

async function follow(id) {
  const path = `/containers/${id}/logs?follow=1&stdout=1&stderr=1&tail=0&timestamps=1`;
  if (mode === 'fetch') {
    const response = await fetch(`http://docker${path}`, { unix: socketPath });
    for await (const chunk of response.body) countLines(chunk);
    return;
  }
  http.get({ socketPath, path, agent: false }, (response) => response.on('data', countLines));
}

const filters = encodeURIComponent(JSON.stringify({ label: ['berth.bench=agent'] }));
const containers = await getJson(`/containers/json?filters=${filters}`);
for (const container of containers) void follow(container.Id);
let passes = 0;
setInterval(async () => {
  await Promise.all(containers.map((c) => getJson(`/containers/${c.Id}/stats?stream=false`)));
  passes += 1;
}, 10_000);
process.on('SIGTERM', () => {
  console.error(
    `engine-traffic ${mode}: ${containers.length} containers, ${lines} log lines, ${passes} stats passes`,
  );
  process.exit(0);
});
console.error(`engine-traffic ${mode}: ${containers.length} containers`);

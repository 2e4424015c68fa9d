import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../shared/find-free-port.js';
import { readRssKb } from '../shared/read-rss.js';
import { spawnTsChild } from '../shared/spawn-ts-child.js';
import { exited } from '../shared/track-children.js';
import type { ConnectionsOptions } from './connections-options.js';
import { holdIdleAgents } from './hold-idle-agents.js';

export type BareWsResult = { sockets: number; kbPerSocket: number; rssMb: number };

/** The baseline: a bare `ws` server process holding `baselineSockets` idle sockets. */
export async function measureBareWs(options: ConnectionsOptions, addresses: string[]): Promise<BareWsResult> {
  const port = await findFreePort();
  const server = spawnTsChild(new URL('./bare-ws-server.ts', import.meta.url), [String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = server.pid ?? 0;
  if (server.stdout) await once(createInterface({ input: server.stdout }), 'line');
  await sleep(1000);
  const before = readRssKb(pid);
  const agents = Array.from({ length: options.baselineSockets }, (_, index) => ({
    credential: 'bare-ws-baseline',
    url: `ws://127.0.0.1:${port}/`,
    localAddress: addresses[index % addresses.length] ?? '127.0.0.1',
  }));
  const held = await holdIdleAgents('bare', agents, {
    simulators: Math.max(1, Math.ceil(agents.length / 12_500)),
    concurrency: options.concurrency,
    pingEveryMs: options.pingEveryMs,
    attempts: options.attempts,
    describeServers: () => `bare ws RSS ${Math.round(readRssKb(pid) / 1024)} MB`,
  });
  await sleep(options.settleMs);
  const after = readRssKb(pid);
  // The server goes first so TIME_WAIT lands on its side, not on the simulators' ports.
  server.kill('SIGKILL');
  await exited(server);
  for (const simulator of held.simulators) simulator.exit();
  const kbPerSocket = (after - before) / held.welcomed;
  console.log(
    `  bare ws: ${held.welcomed} sockets in ${held.seconds.toFixed(1)} s, RSS ${Math.round(before / 1024)} → ` +
      `${Math.round(after / 1024)} MB = ${kbPerSocket.toFixed(1)} KB/socket`,
  );
  return { sockets: held.welcomed, kbPerSocket, rssMb: after / 1024 };
}

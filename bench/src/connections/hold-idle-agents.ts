import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulatorJob } from './simulator-messages.js';
import { type SimulatorProcess, startSimulator } from './simulator-process.js';

export type AgentSpec = SimulatorJob['agents'][number];

export type HoldOptions = {
  simulators: number;
  concurrency: number;
  pingEveryMs: number;
  attempts: number;
  /** Printed with each progress line (e.g. the servers' RSS). */
  describeServers: () => string;
};

export type Held = {
  simulators: SimulatorProcess[];
  welcomed: number;
  failed: number;
  retries: number;
  seconds: number;
  errors: string[];
};

/**
 * Splits `agents` over simulator processes, waits until each has tried all of its agents,
 * and prints progress every 2 s (welcomed so far, connect rate, the servers' state).
 */
export async function holdIdleAgents(name: string, agents: AgentSpec[], options: HoldOptions): Promise<Held> {
  const simulators = Array.from({ length: options.simulators }, (_, s) =>
    startSimulator(
      {
        agents: agents.filter((_, index) => index % options.simulators === s),
        concurrency: options.concurrency,
        pingEveryMs: options.pingEveryMs,
        attempts: options.attempts,
      },
      `${name}-${s}`,
    ),
  );
  const started = performance.now();
  let done = false;
  const all = Promise.all(simulators.map((simulator) => simulator.connected)).finally(() => {
    done = true;
  });
  while (!done) {
    await Promise.race([all.catch(() => undefined), sleep(2000)]);
    if (!done) printProgress(simulators, agents.length, started, options.describeServers());
  }
  const results = await all;
  const sum = (pick: (r: (typeof results)[number]) => number) =>
    results.reduce((total, r) => total + pick(r), 0);
  return {
    simulators,
    welcomed: sum((r) => r.welcomed),
    failed: sum((r) => r.failed),
    retries: sum((r) => r.retries),
    seconds: (performance.now() - started) / 1000,
    errors: results.flatMap((r) => r.errors),
  };
}

function printProgress(
  simulators: SimulatorProcess[],
  total: number,
  started: number,
  servers: string,
): void {
  const welcomed = simulators.reduce((sum, s) => sum + s.progress.welcomed, 0);
  const failed = simulators.reduce((sum, s) => sum + s.progress.failed, 0);
  const retries = simulators.reduce((sum, s) => sum + s.progress.retries, 0);
  const dropped = simulators.reduce((sum, s) => sum + s.progress.dropped, 0);
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `  [${elapsed.toFixed(0)} s] welcomed ${welcomed}/${total} (${Math.round(welcomed / elapsed)}/s), ` +
      `retries ${retries}, failed ${failed}, closed after welcome ${dropped}; ${servers}`,
  );
}

/** Ping round trips from every simulator at once, `sample` agents in total over `windowMs`. */
export async function measurePings(simulators: SimulatorProcess[], sample: number, windowMs: number) {
  const each = Math.ceil(sample / simulators.length);
  const results = await Promise.all(simulators.map((simulator) => simulator.measurePings(each, windowMs)));
  return {
    rtts: results.flatMap((r) => r.rtts.filter((rtt) => rtt >= 0)),
    lost: results.reduce((sum, r) => sum + r.lost, 0),
    /** Per simulator, in sending order (evenly spaced over the window): shows periodic stalls. */
    bySimulator: results.map((r) => r.rtts),
  };
}

export function stopSimulators(simulators: SimulatorProcess[]): void {
  for (const simulator of simulators) simulator.exit();
}

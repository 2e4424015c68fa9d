/**
 * Child process of bench:connections: holds its share of idle agents. Reads its job from
 * the JSON file named on the command line, reports on stdout (JSON lines) and takes
 * commands on stdin (see simulator-messages.ts).
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { runBounded } from '../shared/run-bounded.js';
import { IdleAgent } from './idle-agent.js';
import type { SimulatorCommand, SimulatorJob, SimulatorReport } from './simulator-messages.js';

const jobFile = process.argv[2] ?? '';
const job = JSON.parse(readFileSync(jobFile, 'utf8')) as SimulatorJob;
unlinkSync(jobFile); // it holds credentials
const live: IdleAgent[] = [];
const counts = { welcomed: 0, failed: 0, retries: 0, dropped: 0 };
const errors = new Map<string, number>();

function report(message: SimulatorReport): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Connects one agent, retrying with backoff like a real agent after a refused handshake. */
async function connect(spec: SimulatorJob['agents'][number]): Promise<void> {
  for (let attempt = 1; attempt <= job.attempts; attempt += 1) {
    const agent = new IdleAgent(spec.credential, spec.url, spec.localAddress, onClose);
    try {
      await agent.ready;
      counts.welcomed += 1;
      live.push(agent);
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 80) : String(error);
      errors.set(reason, (errors.get(reason) ?? 0) + 1);
      if (attempt < job.attempts) {
        counts.retries += 1;
        await sleep(Math.random() * 1000 * 2 ** attempt);
      }
    }
  }
  counts.failed += 1;
}

function onClose(agent: IdleAgent): void {
  if (agent.welcomed) counts.dropped += 1;
}

/**
 * One timer for all agents: every 100 ms it pings the agents whose turn it is, so each
 * agent pings once per `pingEveryMs` and the pings arrive evenly, not in bursts. The turns
 * follow the clock, not the timer's firings: on a starved machine the timer fires late, and
 * skipped turns left agents silent for 3 ping intervals, which the gateway rightly closes.
 */
function startPinging(): void {
  const slots = Math.max(1, Math.round(job.pingEveryMs / 100));
  const started = performance.now();
  let tick = 0;
  setInterval(() => {
    const due = Math.floor((performance.now() - started) / 100);
    // More than a whole round behind: one round pings everybody once.
    tick = Math.max(tick, due - slots + 1);
    for (; tick <= due; tick += 1) {
      for (let i = tick % slots; i < live.length; i += slots) live[i]?.ping();
    }
  }, 100);
}

/** Measures `count` agents' ping round trips, spread evenly over `windowMs`. */
async function measurePings(count: number, windowMs: number): Promise<void> {
  const open = live.filter((agent) => !agent.closed);
  const step = Math.max(1, Math.floor(open.length / Math.max(1, count)));
  const sample = open.filter((_, index) => index % step === 0).slice(0, count);
  const gap = windowMs / Math.max(1, sample.length);
  const rtts: Promise<number>[] = [];
  for (const agent of sample) {
    rtts.push(agent.measurePing(10_000));
    await sleep(gap);
  }
  const measured = await Promise.all(rtts);
  report({ type: 'pings', rtts: measured, lost: measured.filter((rtt) => rtt < 0).length });
}

setInterval(() => report({ type: 'progress', ...counts }), 1000);
startPinging();
const started = performance.now();
await runBounded(job.agents, job.concurrency, connect);
report({
  type: 'connected',
  ...counts,
  seconds: (performance.now() - started) / 1000,
  errors: [...errors].map(([reason, times]) => `${times}× ${reason}`),
});

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as SimulatorCommand;
  if (command.cmd === 'pings') void measurePings(command.count, command.windowMs);
  if (command.cmd === 'exit') process.exit(0);
});

/**
 * Child process of bench:actions: connects its simulated agents (hello → welcome), reports
 * once all tried, then answers actions until its stdin closes, when it reports what it
 * received (and any id delivered twice) and exits.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { runBounded } from '../shared/run-bounded.js';
import { ActionAgent } from './action-agent.js';
import type { ActionSimulatorJob, ActionSimulatorReport } from './simulator-messages.js';

const jobFile = process.argv[2] ?? '';
const job = JSON.parse(readFileSync(jobFile, 'utf8')) as ActionSimulatorJob;
unlinkSync(jobFile); // it holds credentials

function report(message: ActionSimulatorReport): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const agents: ActionAgent[] = [];
const errors = new Set<string>();
let failed = 0;
let retries = 0;
/** Connects one agent, retrying a refused hello with jittered backoff as the real agent does. */
async function connect(spec: ActionSimulatorJob['agents'][number]): Promise<void> {
  for (let attempt = 1; attempt <= job.attempts; attempt += 1) {
    const agent = new ActionAgent(spec.credential, spec.url);
    try {
      await agent.ready;
      agents.push(agent);
      return;
    } catch (error) {
      errors.add(error instanceof Error ? error.message.slice(0, 120) : String(error));
      if (attempt < job.attempts) {
        retries += 1;
        await sleep(Math.random() * 500 * 2 ** attempt);
      }
    }
  }
  failed += 1;
}
await runBounded(job.agents, job.concurrency, connect);
report({ type: 'connected', welcomed: agents.length, failed, retries, errors: [...errors].slice(0, 5) });

process.stdin.resume();
process.stdin.on('end', () => {
  report({
    type: 'stats',
    received: agents.reduce((sum, agent) => sum + agent.received, 0),
    duplicates: agents.reduce((sum, agent) => sum + agent.duplicates, 0),
    open: agents.filter((agent) => agent.ws.readyState === agent.ws.OPEN).length,
  });
  for (const agent of agents) agent.ws.terminate();
  process.exit(0);
});

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { deferred } from '../shared/deferred.js';
import { spawnTsChild } from '../shared/spawn-ts-child.js';
import type { ActionSimulatorJob, ActionSimulatorReport } from './simulator-messages.js';

type Connected = Extract<ActionSimulatorReport, { type: 'connected' }>;
type Stats = Extract<ActionSimulatorReport, { type: 'stats' }>;

export type ActionSimulator = {
  connected: Promise<Connected>;
  /** Closes its stdin: it reports what its agents received, then exits. */
  finish(): Promise<Stats>;
};

/** Simulated agents in their own process, so their work does not share the API's event loop. */
export function startActionSimulator(job: ActionSimulatorJob): ActionSimulator {
  const file = join(tmpdir(), `berth-bench-actions-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(job), { mode: 0o600 });
  const child = spawnTsChild(new URL('./action-simulator.ts', import.meta.url), [file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connected = deferred<Connected>();
  const stats = deferred<Stats>();
  child.once('exit', (code) => {
    const error = new Error(`action simulator exited with ${code}`);
    connected.reject(error);
    stats.reject(error);
  });
  createInterface({ input: child.stdout ?? process.stdin }).on('line', (line) => {
    const message = JSON.parse(line) as ActionSimulatorReport;
    if (message.type === 'connected') connected.resolve(message);
    else stats.resolve(message);
  });
  return {
    connected: connected.promise,
    finish() {
      child.stdin?.end();
      return stats.promise;
    },
  };
}

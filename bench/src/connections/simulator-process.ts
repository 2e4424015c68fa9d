import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { deferred } from '../shared/deferred.js';
import { spawnTsChild } from '../shared/spawn-ts-child.js';
import type { SimulatorCommand, SimulatorJob, SimulatorReport } from './simulator-messages.js';

type Progress = Extract<SimulatorReport, { type: 'progress' }>;
type Connected = Extract<SimulatorReport, { type: 'connected' }>;
type Pings = Extract<SimulatorReport, { type: 'pings' }>;

/** The parent's handle on one idle-simulator process. */
export type SimulatorProcess = {
  pid: number;
  progress: Progress;
  connected: Promise<Connected>;
  measurePings(count: number, windowMs: number): Promise<Pings>;
  exit(): void;
};

export function startSimulator(job: SimulatorJob, name: string): SimulatorProcess {
  const file = join(tmpdir(), `berth-bench-${process.pid}-${name}.json`);
  writeFileSync(file, JSON.stringify(job), { mode: 0o600 });
  const child = spawnTsChild(new URL('./idle-simulator.ts', import.meta.url), [file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (child.pid === undefined) throw new Error('simulator did not start');
  const connected = deferred<Connected>();
  let pings = deferred<Pings>();
  const handle: SimulatorProcess = {
    pid: child.pid,
    progress: { type: 'progress', welcomed: 0, failed: 0, retries: 0, dropped: 0 },
    connected: connected.promise,
    measurePings(count, windowMs) {
      pings = deferred<Pings>();
      send(child, { cmd: 'pings', count, windowMs });
      return pings.promise;
    },
    exit: () => send(child, { cmd: 'exit' }),
  };
  child.once('exit', (code) => connected.reject(new Error(`simulator ${name} exited with ${code}`)));
  createInterface({ input: child.stdout ?? process.stdin }).on('line', (line) => {
    const message = JSON.parse(line) as SimulatorReport;
    if (message.type === 'progress') handle.progress = message;
    else if (message.type === 'connected') connected.resolve(message);
    else pings.resolve(message);
  });
  return handle;
}

function send(child: ChildProcess, command: SimulatorCommand): void {
  child.stdin?.write(`${JSON.stringify(command)}\n`);
}

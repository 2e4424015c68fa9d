import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { readRawOption } from './read-option.js';

const run = promisify(execFile);

/** Samples per second and CPU: 997 (prime, so it does not beat with timers), ~1 ms each. */
const FREQUENCY = 997;

export type PerfPhase = {
  /** Stops sampling; writes `<label>.txt` (PostgreSQL's functions, µs per row) and prints the top ones. */
  finish(rows: number): Promise<void>;
};

/**
 * An opt-in CPU profile of PostgreSQL for one phase of a bench (`--perf-dir=DIR` or
 * BENCH_PERF_DIR): `perf record` of every CPU while the phase runs, then the server processes'
 * samples by function, as CPU µs per row, so two phases of one run — ingest and
 * raw `COPY` — compare function by function. Whole machine: run it with nothing else using
 * PostgreSQL. Without the option, a no-op.
 */
export async function startPerfPhase(label: string): Promise<PerfPhase> {
  const dir = readRawOption('perf-dir');
  if (dir === undefined) return { finish: async () => {} };
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const data = join(out, `${label}.data`);
  // Events start disabled (-D -1) and are switched on and off over a control pipe (commands on
  // fd 3, acks on fd 4), so the profile covers the phase and nothing else: perf takes a few
  // hundred milliseconds to start, longer than a short phase lasts.
  const perf = spawn(
    'perf',
    ['record', '-F', String(FREQUENCY), '-a', '-q', '-D', '-1', '--control=fd:3,4', '-o', data],
    { stdio: ['ignore', 'ignore', 'inherit', 'pipe', 'pipe'] },
  );
  const control = perf.stdio[3] as Writable;
  const acks = perf.stdio[4] as Readable;
  // No perf on the machine (Debian: linux-perf), not allowed to sample, or gone mid-phase.
  const failed = new Promise<never>((_, reject) => {
    perf.once('error', (error) => reject(new Error(`--perf-dir: could not run perf (${error.message})`)));
    perf.once('exit', (code) => reject(new Error(`--perf-dir: perf record exited with ${code} (see above)`)));
  });
  failed.catch(() => {});
  // The pipes break when perf exits early; `failed` says why, their own errors add nothing.
  control.on('error', () => {});
  acks.on('error', () => {});
  const command = async (word: 'enable' | 'disable') => {
    const ack = once(acks, 'data');
    control.write(`${word}\n`);
    await Promise.race([ack, failed]);
  };
  await command('enable');
  return {
    async finish(rows) {
      await command('disable');
      const exited = once(perf, 'exit');
      perf.kill('SIGINT');
      await exited;
      const report = await readReport(data);
      const lines = report.map(
        (entry) =>
          `${perRow(entry.samples, rows).toFixed(3).padStart(8)} µs/row  ${entry.dso}  ${entry.symbol}`,
      );
      const total = report.reduce((sum, entry) => sum + entry.samples, 0);
      const head = `${label}: PostgreSQL ${perRow(total, rows).toFixed(2)} µs/row sampled (${total} samples at ${FREQUENCY} Hz)`;
      writeFileSync(join(out, `${label}.txt`), `${head}\n${lines.join('\n')}\n`);
      console.log(
        `  perf ${head}; top functions:\n${lines
          .slice(0, 12)
          .map((line) => `    ${line}`)
          .join('\n')}`,
      );
    },
  };
}

/** CPU µs per row: each sample stands for 1/FREQUENCY s of one CPU. */
function perRow(samples: number, rows: number): number {
  return (samples / FREQUENCY / rows) * 1e6;
}

type ReportEntry = { samples: number; dso: string; symbol: string };

/**
 * PostgreSQL's samples by shared object and function, most first. Functions perf cannot name
 * (static ones in Debian's stripped binary) are folded into one "(unnamed)" entry per object.
 */
async function readReport(data: string): Promise<ReportEntry[]> {
  const { stdout } = await run(
    'perf',
    [
      'report',
      '-i',
      data,
      '--stdio',
      '--comm',
      'postgres',
      '--sort',
      'dso,symbol',
      '-F',
      'sample,dso,symbol',
      '-t',
      '|',
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const bySymbol = new Map<string, ReportEntry>();
  for (const line of stdout.split('\n')) {
    if (line.startsWith('#')) continue;
    const [count, dso, symbol] = line.split('|').map((field) => field.trim());
    const samples = Number(count);
    if (!samples || dso === undefined || symbol === undefined) continue;
    const name = symbol.replace(/^\[[.k]\]\s*/, '').replace(/^0x[0-9a-f]+$/, '(unnamed)');
    const key = `${dso}\0${name}`;
    const entry = bySymbol.get(key) ?? { samples: 0, dso, symbol: name };
    entry.samples += samples;
    bySymbol.set(key, entry);
  }
  return [...bySymbol.values()].sort((a, b) => b.samples - a.samples);
}

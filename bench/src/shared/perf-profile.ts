import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { readRawOption } from './read-option.js';

const run = promisify(execFile);

/** Samples per second and CPU: 997 (prime, so it does not beat with timers), ~1 ms each. */
const FREQUENCY = 997;

export type PerfPhase = {
  /** Stops sampling; writes `<label>.txt` (PostgreSQL's functions, µs per unit) and prints the top ones. */
  finish(units: number, unit?: string): Promise<void>;
};

/**
 * An opt-in CPU profile of PostgreSQL for one phase of a bench (`--perf-dir=DIR` or
 * BENCH_PERF_DIR): `perf record` of every CPU while the phase runs, then the server processes'
 * samples by function, as CPU µs per unit of work (row), so two phases of one run — ingest and
 * raw `COPY` — compare function by function. Whole machine: run it with nothing else using
 * PostgreSQL. Without the option, a no-op.
 */
export function startPerfPhase(label: string): PerfPhase {
  const dir = readRawOption('perf-dir');
  if (dir === undefined) return { finish: async () => {} };
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const data = join(out, `${label}.data`);
  const perf: ChildProcess = spawn('perf', ['record', '-F', String(FREQUENCY), '-a', '-q', '-o', data], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    async finish(units, unit = 'row') {
      if (perf.exitCode === null) {
        perf.kill('SIGINT');
        await once(perf, 'exit');
      }
      const report = await readReport(data);
      const lines = report.map(
        (entry) =>
          `${((entry.samples / FREQUENCY / units) * 1e6).toFixed(3).padStart(8)} µs/${unit}  ${entry.dso}  ${entry.symbol}`,
      );
      const total = report.reduce((sum, entry) => sum + entry.samples, 0);
      const head = `${label}: PostgreSQL ${((total / FREQUENCY / units) * 1e6).toFixed(2)} µs/${unit} sampled (${total} samples at ${FREQUENCY} Hz)`;
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

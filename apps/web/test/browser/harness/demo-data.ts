import type { LogEntry } from '@/components/logs/log-entry';
import type { ChartData } from '@/lib/chart-data';

/** Deterministic pseudo-random numbers (mulberry32), so screenshots are comparable run to run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const START = Date.UTC(2025, 10, 20, 0, 0, 0);
export const STEP_MS = 60_000;

/** CPU % and memory bytes of one container: two units, so two value axes. */
export function containerSeries(points: number): ChartData {
  const next = random(42);
  const t: number[] = [];
  const cpu: (number | null)[] = [];
  const memory: (number | null)[] = [];
  const limit: (number | null)[] = [];
  let load = 20;
  for (let i = 0; i < points; i++) {
    t.push(START + i * STEP_MS);
    load = Math.min(180, Math.max(2, load + (next() - 0.5) * 8 + Math.sin(i / 400) * 0.6));
    // A gap (agent offline) shows as a break in the line, not a slope.
    const offline = i > 6100 && i < 6180;
    cpu.push(offline ? null : load + (next() < 0.01 ? 60 * next() : 0));
    memory.push(
      offline ? null : 420 * 1024 ** 2 + Math.sin(i / 900) * 90 * 1024 ** 2 + next() * 12 * 1024 ** 2,
    );
    limit.push(1024 ** 3);
  }
  return {
    t,
    series: [
      { name: 'CPU', values: cpu, unit: 'percent' },
      { name: 'Memory', values: memory, unit: 'bytes' },
      { name: 'Memory limit', values: limit, unit: 'bytes' },
    ],
  };
}

export function networkSeries(points: number): ChartData {
  const next = random(7);
  const t: number[] = [];
  const rx: number[] = [];
  const tx: number[] = [];
  for (let i = 0; i < points; i++) {
    t.push(START + i * STEP_MS);
    rx.push(Math.max(0, 2_500_000 + Math.sin(i / 300) * 1_500_000 + (next() - 0.5) * 900_000));
    tx.push(Math.max(0, 600_000 + Math.cos(i / 250) * 300_000 + (next() - 0.5) * 200_000));
  }
  return {
    t,
    series: [
      { name: 'Received', values: rx, unit: 'bytes/s' },
      { name: 'Sent', values: tx, unit: 'bytes/s' },
    ],
  };
}

const ESC = '\x1b';
const LEVELS = [
  `${ESC}[32mINFO${ESC}[0m`,
  `${ESC}[33mWARN${ESC}[0m`,
  `${ESC}[1;31mERROR${ESC}[0m`,
  `${ESC}[2mDEBUG${ESC}[0m`,
];
const PATHS = ['/api/orders', '/healthz', '/api/users/42', '/static/app.js', '/api/cart'];

/** A web service's logs: coloured levels, stderr errors, very long lines, dropped markers, hostile markup. */
export function demoLogs(count: number, startId = 0, startTs = START): LogEntry[] {
  const next = random(1000 + startId);
  const entries: LogEntry[] = [];
  for (let i = 0; i < count; i++) {
    const id = startId + i;
    const ts = startTs + id * 250;
    if (id % 997 === 500) {
      entries.push({ kind: 'dropped', id: `d${id}`, ts, count: 17, reason: 'rate_limit' });
      continue;
    }
    entries.push({ kind: 'line', id, ts, ...demoLine(id, next) });
  }
  return entries;
}

function demoLine(id: number, next: () => number): { stream: 'stdout' | 'stderr'; text: string } {
  if (id % 1000 === 250)
    return {
      stream: 'stdout',
      text: `payload=${'x'.repeat(4000)}${'{"k":"v"}'.repeat(3000)} end-of-long-line`,
    };
  if (id % 1000 === 750)
    return {
      stream: 'stderr',
      text: `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> rejected input ${id}`,
    };
  if (id % 25 === 7)
    return {
      stream: 'stderr',
      text: `${LEVELS[2]} upstream timeout after 30000 ms on ${PATHS[id % PATHS.length]} (request ${id})`,
    };
  if (id % 40 === 3)
    return {
      stream: 'stdout',
      text: `${ESC}[38;5;208mcache${ESC}[0m hit ratio ${(next() * 100).toFixed(1)}% ${ESC}[38;2;120;160;255m(rgb)${ESC}[0m`,
    };
  const level = LEVELS[id % 11 === 0 ? 1 : id % 13 === 0 ? 3 : 0];
  const path = PATHS[Math.floor(next() * PATHS.length)];
  return {
    stream: 'stdout',
    text: `${level} GET ${path} 200 ${Math.floor(next() * 90) + 3} ms request_id=${id.toString(16).padStart(8, '0')}`,
  };
}

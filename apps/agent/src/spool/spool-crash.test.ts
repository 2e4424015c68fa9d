import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchGap } from '@berth/protocol';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Spool } from './spool.js';

let workDir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'berth-spool-crash-'));
});
afterEach(async () => {
  child?.kill('SIGKILL');
  await rm(workDir, { recursive: true, force: true });
});

const spoolModule = fileURLToPath(new URL('./spool.ts', import.meta.url));

/** Appends forever (acking now and then, overflowing a small spool) and prints each seq it wrote. */
const childSource = `
import { Spool } from ${JSON.stringify(spoolModule)};
const spool = await Spool.open({ stateDir: process.argv[2], maxBytes: 40_000 });
for (let i = 0; ; i += 1) {
  const { seq } = await spool.append(({ seq, gap }) =>
    JSON.stringify({ type: 'batch', seq, sentAt: new Date().toISOString(), ...(gap ? { gap } : {}), pad: 'x'.repeat(200 + (i % 7) * 300) }));
  if (i % 5 === 4) await spool.ack(seq - 3);
  process.stdout.write(seq + '\\n');
}
`;

it('survives kill -9 mid-append: only complete batches, every seq accounted for exactly once', async () => {
  const stateDir = join(workDir, 'state');
  const script = join(workDir, 'append-forever.mts');
  await writeFile(script, childSource);
  // node itself (not the tsx wrapper, which would leave its own child running after SIGKILL).
  child = spawn(process.execPath, ['--import', 'tsx', script, stateDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let written = 0;
  const enough = new Promise<void>((resolve, reject) => {
    child?.once('exit', (code) => reject(new Error(`append loop exited early with ${code}`)));
    child?.stdout?.on('data', (chunk: Buffer) => {
      written += chunk.toString().split('\n').filter(Boolean).length;
      if (written >= 300) resolve();
    });
  });
  await enough;
  child.kill('SIGKILL');
  await once(child, 'exit');

  const spool = await Spool.open({ stateDir, maxBytes: 40_000 });
  const files = await readdir(join(stateDir, 'spool'));
  expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  const stats = spool.stats();
  expect(stats.nextSeq).toBeGreaterThan(written);
  // Every seq below nextSeq is exactly one of: acked, pending, reported in a pending batch's gap, or unreported gap.
  const gaps: BatchGap[] = [...stats.unreportedGaps];
  const pending = spool.pending().map((batch) => batch.seq);
  for (const seq of pending) {
    const text = await spool.read(seq);
    const parsed = JSON.parse(text ?? '');
    expect(parsed.seq).toBe(seq);
    if (parsed.gap) gaps.push(parsed.gap);
  }
  const seen = new Map<number, number>();
  const mark = (seq: number) => seen.set(seq, (seen.get(seq) ?? 0) + 1);
  for (let seq = 1; seq <= stats.lastAckedSeq; seq += 1) mark(seq);
  for (const seq of pending) mark(seq);
  for (const gap of gaps)
    for (let seq = gap.fromSeq; seq <= gap.toSeq; seq += 1) if (seq > stats.lastAckedSeq) mark(seq);
  for (let seq = 1; seq < stats.nextSeq; seq += 1) expect(seen.get(seq), `seq ${seq}`).toBe(1);
  expect(pending).toEqual([...pending].sort((a, b) => a - b));
});

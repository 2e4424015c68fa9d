import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { startPerfPhase } from '../shared/perf-profile.js';
import { openCpuWindow } from '../shared/sample-cpu.js';
import { COPY_TABLES, type CopyRows } from './encode-copy-rows.js';

export type CopyResult = { rows: number; seconds: number; cpuPerRow: number; pgCpuPerRow: number };

/**
 * The baseline: the table owner (superuser, so no RLS and no staging) COPYs the very rows
 * the agents send straight into the partitioned tables over one connection, in chunks of
 * `chunkRows` rows per COPY statement. Text is joined before the clock starts.
 */
export async function copyBaseline(
  adminUrl: string,
  rows: CopyRows,
  chunkRows: number,
  /** Names the phase's profile with `--perf-dir` (perf-profile.ts). */
  label: string,
): Promise<CopyResult> {
  const chunks = COPY_TABLES.flatMap((table) =>
    chunkLines(rows[table], chunkRows).map((text) => ({ table, text })),
  );
  const total = COPY_TABLES.reduce((sum, table) => sum + rows[table].length, 0);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    const perf = await startPerfPhase(label);
    const cpu = openCpuWindow(adminUrl);
    const started = performance.now();
    for (const chunk of chunks) await copyText(client, `COPY ${chunk.table} FROM STDIN`, chunk.text);
    const seconds = (performance.now() - started) / 1000;
    const used = cpu.finish(total);
    console.log(`  CPU: ${used.text}`);
    await perf.finish(total);
    return { rows: total, seconds, cpuPerRow: used.totalPerUnit, pgCpuPerRow: used.pgPerUnit };
  } finally {
    await client.end();
  }
}

function chunkLines(lines: readonly string[], size: number): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < lines.length; start += size)
    chunks.push(lines.slice(start, start + size).join(''));
  return chunks;
}

/** One `COPY … FROM STDIN` of `text` (COPY's text format) on `client`. */
export function copyText(client: pg.ClientBase, sql: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyStreams.from(sql));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(text);
  });
}

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type SeededOrg, seedOrg, type TestDatabase } from '../testing/index.js';
import { withOrgOn } from '../with-org-client.js';
import { BatchColumns, timestampMicros, WRITE_BATCH_ROWS, WRITE_BATCH_ROWS_NAME } from './index.js';

// The gateway's one write statement, fed with the text it must carry unchanged: array literals
// have their own quoting, so every character that means something to them is tried here.

let database: TestDatabase;
let owner: pg.Client;
let tenant: SeededOrg;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  await owner.connect();
  tenant = await seedOrg(database.db);
});

afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

const NUL = String.fromCharCode(0);
const AWKWARD = [
  '',
  'plain',
  'NULL',
  'null',
  ' leading and trailing ',
  'a,b{c}d',
  'say "hi"',
  'C:\\temp\\new',
  'tab\there\nnewline\r\nwindows',
  '\\"',
  'ünïcødé ✓ 🚢',
  `nul${NUL}inside`,
];

// As the gateway encodes jsonb (json-field.ts): jsonb refuses the \u0000 escape.
const json = (value: unknown) => JSON.stringify(value).replace(/\\u0000/g, '\\ufffd');

async function write(columns: BatchColumns): Promise<void> {
  const client = await database.pool.connect();
  try {
    await withOrgOn(client, tenant.orgId, (tx) =>
      tx.query({ name: WRITE_BATCH_ROWS_NAME, text: WRITE_BATCH_ROWS, values: columns.params(tenant.orgId) }),
    );
  } finally {
    client.release();
  }
}

describe('WRITE_BATCH_ROWS', () => {
  it('stores text and JSON exactly, NUL as U+FFFD, and marks the sampled minutes', async () => {
    const columns = new BatchColumns();
    const host = columns.host(tenant.hostId);
    const ts = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 120_000).toISOString();
    const at = timestampMicros(ts);
    AWKWARD.forEach((text, i) => {
      columns.event(host, 'abcdef012345', at, text || 'x', json({ [text]: text }), i + 1);
      columns.log(host, 'abcdef012345', at, i % 2 ? 'stderr' : 'stdout', text, 0, 7, i);
    });
    const nanos = ts.replace('.000Z', '.123456789Z');
    columns.containerSample(
      host,
      {
        containerId: 'abcdef012345',
        cpuPct: 1e-7,
        memBytes: Number.MAX_SAFE_INTEGER,
        memLimit: 0,
        netRx: 1,
        netTx: 2,
        blkRead: 3,
        blkWrite: 4,
        pids: 5,
      },
      timestampMicros(nanos),
    );
    const sample = {
      cpuPct: 12.5,
      load1: 0.25,
      load5: 0.5,
      load15: 0.75,
      memUsed: 1,
      memTotal: 2,
      swapUsed: 3,
      swapTotal: 4,
      netRx: 5,
      netTx: 6,
    };
    columns.hostSample(host, sample, at, 7, 8, JSON.stringify([{ mount: '/mnt/"x"\\y', used: 7, total: 8 }]));
    await write(columns);

    const clean = (text: string) => text.replaceAll(NUL, '\uFFFD');
    const logs = await owner.query<{ line: string; stream: string; batch_seq: string }>(
      'SELECT line, stream, batch_seq FROM container_logs WHERE host_id = $1 ORDER BY line_no',
      [tenant.hostId],
    );
    expect(logs.rows.map((row) => row.line)).toEqual(AWKWARD.map(clean));
    expect(logs.rows[1]).toMatchObject({ stream: 'stderr', batch_seq: '7' });
    const events = await owner.query<{ action: string; attributes: Record<string, string> }>(
      'SELECT action, attributes FROM container_events WHERE host_id = $1 ORDER BY count',
      [tenant.hostId],
    );
    expect(events.rows.map((row) => row.action)).toEqual(AWKWARD.map((text) => clean(text || 'x')));
    expect(events.rows.map((row) => row.attributes)).toEqual(
      AWKWARD.map((text) => ({ [clean(text)]: clean(text) })),
    );
    const samples = await owner.query(
      `SELECT to_char(ts AT TIME ZONE 'UTC', 'SS.US') AS s, cpu_pct, mem_bytes, pids FROM container_samples
       WHERE host_id = $1`,
      [tenant.hostId],
    );
    expect(samples.rows).toEqual([
      { s: '00.123457', cpu_pct: 1e-7, mem_bytes: String(Number.MAX_SAFE_INTEGER), pids: 5 },
    ]);
    const hosts = await owner.query(
      'SELECT disk_used, disk_total, disks FROM host_samples WHERE host_id = $1',
      [tenant.hostId],
    );
    expect(hosts.rows).toEqual([
      { disk_used: '7', disk_total: '8', disks: [{ mount: '/mnt/"x"\\y', used: 7, total: 8 }] },
    ]);
    const marked = await owner.query('SELECT minute FROM rollup_dirty_minutes WHERE host_id = $1', [
      tenant.hostId,
    ]);
    expect(marked.rows).toEqual([{ minute: new Date(ts) }]);
  });

  it('stores cumulative CPU seconds as sent, and NULL for a sample of an agent that predates them', async () => {
    const columns = new BatchColumns();
    const host = columns.host(tenant.hostId);
    const at = (Math.floor(Date.now() / 60_000) * 60_000 - 60_000) * 1000;
    const base = {
      cpuPct: 25,
      memBytes: 1,
      memLimit: 2,
      netRx: 3,
      netTx: 4,
      blkRead: 5,
      blkWrite: 6,
      pids: 7,
    };
    const reported = [6.033376241, 0, 1e-7, 123_456_789.123456];
    reported.forEach((cpuSeconds, i) => {
      columns.containerSample(host, { ...base, containerId: `c0000000000${i}`, cpuSeconds }, at);
    });
    // As the gateway hands over an old agent's sample: the key absent, not undefined.
    columns.containerSample(host, { ...base, containerId: 'c0000000000f' }, at);
    columns.containerSample(host, { ...base, containerId: 'c0000000000e', cpuSeconds: undefined }, at);
    await write(columns);

    const rows = await owner.query<{ container_id: string; cpu_seconds: number | null; cpu_pct: number }>(
      `SELECT container_id, cpu_seconds, cpu_pct FROM container_samples
       WHERE host_id = $1 AND container_id LIKE 'c00000000%' ORDER BY container_id`,
      [tenant.hostId],
    );
    // Each sample is one row (written once, by the one INSERT of the statement), values exact.
    expect(rows.rows).toEqual([
      ...reported.map((cpuSeconds, i) => ({
        container_id: `c0000000000${i}`,
        cpu_seconds: cpuSeconds,
        cpu_pct: 25,
      })),
      { container_id: 'c0000000000e', cpu_seconds: null, cpu_pct: 25 },
      { container_id: 'c0000000000f', cpu_seconds: null, cpu_pct: 25 },
    ]);
  });
  it("turns the agent's auto-restart events into audit rows in the same statement, and only those", async () => {
    const columns = new BatchColumns();
    const host = columns.host(tenant.hostId);
    const ts = '2026-12-07T05:00:01.250Z';
    const at = timestampMicros(ts);
    const attempt = { actor: 'auto-restart', reason: 'exited with code 1', attempt: '1', outcome: 'started' };
    columns.event(host, 'aaaaaaaaaaaa', at, 'autoheal_restart', json(attempt), 1);
    columns.event(
      host,
      'aaaaaaaaaaaa',
      at,
      'autoheal_gave_up',
      json({ actor: 'auto-restart', attempts: '3' }),
      1,
    );
    // Not auto-restart's: another action, or the name without the actor, stays an event only.
    columns.event(host, 'aaaaaaaaaaaa', at, 'die', json({ exitCode: '1' }), 1);
    columns.event(host, 'aaaaaaaaaaaa', at, 'autoheal_restart', json({ reason: 'no actor' }), 1);
    columns.event(host, 'aaaaaaaaaaaa', at, 'autoheal-restart', json({ actor: 'auto-restart' }), 1);
    await write(columns);

    const audit = await owner.query(
      `SELECT org_id, actor_user_id, actor_token_id, action, target_type, target_id, details, created_at
       FROM audit_logs WHERE target_id = $1 ORDER BY action DESC`,
      [`${tenant.hostId}/aaaaaaaaaaaa`],
    );
    const common = {
      org_id: tenant.orgId,
      actor_user_id: null,
      actor_token_id: null,
      target_type: 'container',
      target_id: `${tenant.hostId}/aaaaaaaaaaaa`,
      created_at: new Date(ts),
    };
    expect(audit.rows).toEqual([
      { ...common, action: 'container.autoheal_restart', details: { ...attempt, hostId: tenant.hostId } },
      {
        ...common,
        action: 'container.autoheal_gave_up',
        details: { actor: 'auto-restart', attempts: '3', hostId: tenant.hostId },
      },
    ]);
    const events = await owner.query(
      'SELECT count(*)::int AS n FROM container_events WHERE container_id = $1',
      ['aaaaaaaaaaaa'],
    );
    expect(events.rows).toEqual([{ n: 5 }]);
  });
});

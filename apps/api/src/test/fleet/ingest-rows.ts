import { createDb, rollUpDirtyMinutes } from '@berth/db';
import { promoteStaged, STAGING_DDL, type StagedTable } from '@berth/db/ingest';
import type { TestDatabase } from '@berth/db/testing';

export type ContainerSampleInput = {
  containerId: string;
  ts: Date;
  cpuPct: number;
  memBytes: number;
  memLimit?: number;
  netRx?: number;
  netTx?: number;
  blkRead?: number;
  blkWrite?: number;
  pids?: number;
  /** Cumulative CPU seconds; absent as from an agent that predates them (stored as NULL). */
  cpuSeconds?: number;
};

export type HostSampleInput = {
  ts: Date;
  cpuPct: number;
  load1?: number;
  memUsed: number;
  memTotal?: number;
  diskUsed?: number;
  diskTotal?: number;
  netRx?: number;
  netTx?: number;
};

export type LogInput = {
  containerId: string;
  ts: Date;
  stream?: 'stdout' | 'stderr';
  line?: string;
  dropped?: number;
  batchSeq: number;
  lineNo: number;
};

export type EventInput = {
  containerId: string;
  ts: Date;
  action: string;
  attributes?: Record<string, string>;
};

export type IngestBatch = {
  containerSamples?: ContainerSampleInput[];
  hostSamples?: HostSampleInput[];
  logs?: LogInput[];
  events?: EventInput[];
};

type OwnerTx = Parameters<Parameters<ReturnType<typeof createDb>['$transaction']>[0]>[0];
type Target = { orgId: string; hostId: string };

async function stageContainerSamples(tx: OwnerTx, { orgId, hostId }: Target, rows: ContainerSampleInput[]) {
  await tx.$executeRawUnsafe(
    `INSERT INTO stage_container_samples SELECT $1::uuid, $2::uuid, r.c, r.ts, r.cpu, r.mem, r.lim, r.rx, r.tx, r.rd, r.wr, r.pids,
       r.cpus
     FROM jsonb_to_recordset($3::jsonb) AS r(c text, ts timestamptz, cpu real, mem bigint, lim bigint, rx bigint,
       tx bigint, rd bigint, wr bigint, pids int, cpus float8)`,
    orgId,
    hostId,
    JSON.stringify(
      rows.map((s) => ({
        c: s.containerId,
        ts: s.ts.toISOString(),
        cpu: s.cpuPct,
        mem: s.memBytes,
        lim: s.memLimit ?? 0,
        rx: s.netRx ?? 0,
        tx: s.netTx ?? 0,
        rd: s.blkRead ?? 0,
        wr: s.blkWrite ?? 0,
        pids: s.pids ?? 1,
        cpus: s.cpuSeconds ?? null,
      })),
    ),
  );
}

async function stageHostSamples(tx: OwnerTx, { orgId, hostId }: Target, rows: HostSampleInput[]) {
  await tx.$executeRawUnsafe(
    `INSERT INTO stage_host_samples SELECT $1::uuid, $2::uuid, r.ts, r.cpu, r.load1, 0, 0, r.used, r.total, 0, 0,
       r.du, r.dt, r.rx, r.tx, '[]'
     FROM jsonb_to_recordset($3::jsonb) AS r(ts timestamptz, cpu real, load1 real, used bigint, total bigint,
       du bigint, dt bigint, rx bigint, tx bigint)`,
    orgId,
    hostId,
    JSON.stringify(
      rows.map((s) => ({
        ts: s.ts.toISOString(),
        cpu: s.cpuPct,
        load1: s.load1 ?? 0,
        used: s.memUsed,
        total: s.memTotal ?? 8 * 1024 ** 3,
        du: s.diskUsed ?? 0,
        dt: s.diskTotal ?? 0,
        rx: s.netRx ?? 0,
        tx: s.netTx ?? 0,
      })),
    ),
  );
}

async function stageLogs(tx: OwnerTx, { orgId, hostId }: Target, rows: LogInput[]) {
  for (const log of rows) {
    await tx.$executeRawUnsafe(
      `INSERT INTO stage_container_logs (org_id, host_id, container_id, ts, stream, line, dropped, batch_seq, line_no)
       VALUES ($1::uuid, $2::uuid, $3, $4::timestamptz, $5, $6, $7, $8, $9)`,
      orgId,
      hostId,
      log.containerId,
      log.ts.toISOString(),
      log.stream ?? 'stdout',
      log.line ?? '',
      log.dropped ?? 0,
      log.batchSeq,
      log.lineNo,
    );
  }
}

async function stageEvents(tx: OwnerTx, { orgId, hostId }: Target, rows: EventInput[]) {
  for (const event of rows) {
    await tx.$executeRawUnsafe(
      `INSERT INTO stage_container_events (org_id, host_id, container_id, ts, action, attributes, count)
       VALUES ($1::uuid, $2::uuid, $3, $4::timestamptz, $5, $6::jsonb, 1)`,
      orgId,
      hostId,
      event.containerId,
      event.ts.toISOString(),
      event.action,
      JSON.stringify(event.attributes ?? {}),
    );
  }
}

/** Runs statements joined by newlines (the shared ingest SQL) one at a time, as Prisma requires. */
async function runEach(tx: OwnerTx, sql: string): Promise<void> {
  for (const statement of sql.split(/;\s*\n/).map((part) => part.trim().replace(/;$/, ''))) {
    if (statement) await tx.$executeRawUnsafe(statement);
  }
}

/**
 * Stores one host's batch through the gateway's own write path (@berth/db/ingest): rows are
 * staged, then promoted into the partitioned tables, as the owner, in one transaction (the
 * staging tables empty on commit). Then the rollup job rolls up every marked minute, the open
 * one included, so the tests read settled rollups.
 */
export async function ingest(
  database: TestDatabase,
  orgId: string,
  hostId: string,
  batch: IngestBatch,
): Promise<void> {
  const owner = createDb(database.adminUrl, { max: 1 });
  const target = { orgId, hostId };
  try {
    await owner.$transaction(async (tx) => {
      await runEach(tx, STAGING_DDL);
      const present = new Set<StagedTable>();
      if (batch.containerSamples?.length) {
        await stageContainerSamples(tx, target, batch.containerSamples);
        present.add('container_samples');
      }
      if (batch.hostSamples?.length) {
        await stageHostSamples(tx, target, batch.hostSamples);
        present.add('host_samples');
      }
      if (batch.logs?.length) {
        await stageLogs(tx, target, batch.logs);
        present.add('container_logs');
      }
      if (batch.events?.length) {
        await stageEvents(tx, target, batch.events);
        present.add('container_events');
      }
      await runEach(tx, promoteStaged(present));
    });
  } finally {
    await owner.$disconnect();
  }
  await rollUpDirtyMinutes(database.pool, { settledBefore: new Date(Date.now() + 3_600_000) });
}

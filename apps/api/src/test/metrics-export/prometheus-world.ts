import { withOrg } from '@berth/db';
import type { TestDatabase } from '@berth/db/testing';
import { addContainer, addHost, ownerRows } from '../fleet/fleet-world.js';
import { ingest } from '../fleet/ingest-rows.js';

/** A host sample written straight into host_samples (the ingest helper has no disks or load5/15). */
export async function addHostSample(
  database: TestDatabase,
  target: { orgId: string; hostId: string; ts: Date },
  disks: { mount: string; used: number; total: number }[],
): Promise<void> {
  await ownerRows(
    database,
    `INSERT INTO host_samples (org_id, host_id, ts, cpu_pct, load1, load5, load15, mem_used, mem_total,
       swap_used, swap_total, disk_used, disk_total, net_rx, net_tx, disks)
     VALUES ($1::uuid, $2::uuid, $3::timestamptz, 12.5, 0.5, 0.75, 1.25, 3000000000, 8000000000,
       100, 1000, 0, 0, 5000, 6000, $4::jsonb)`,
    target.orgId,
    target.hostId,
    target.ts.toISOString(),
    JSON.stringify(disks),
  );
}

/** A firing alert of a fresh rule (berth_alerts_firing counts these). */
export async function addFiringAlert(database: TestDatabase, orgId: string): Promise<void> {
  await withOrg(database.db, orgId, async (tx) => {
    const rule = await tx.alertRule.create({
      data: {
        orgId,
        name: 'cpu high',
        kind: 'host_metric',
        params: { metric: 'cpu_pct', op: '>', threshold: 90 },
        severity: 'warning',
      },
    });
    const now = new Date();
    await tx.alert.create({
      data: {
        orgId,
        ruleId: rule.id,
        fingerprint: `cpu-high-${rule.id}`,
        state: 'firing',
        severity: 'warning',
        summary: 'CPU 95 %',
        value: 95,
        pendingSince: now,
        firedAt: now,
        lastTrueAt: now,
      },
    });
  });
}

/** An enabled rule with no alert, and a disabled one with no alert (not exported). */
export async function addQuietRule(database: TestDatabase, orgId: string, name: string): Promise<void> {
  await withOrg(database.db, orgId, async (tx) => {
    for (const enabled of [true, false])
      await tx.alertRule.create({
        data: {
          orgId,
          name: enabled ? name : `${name} (disabled)`,
          kind: 'container_state',
          params: { state: 'exited' },
          severity: 'critical',
          enabled,
        },
      });
  });
}

export type SampledContainer = { hostId: string; shortId: string; name: string };

/** A running container on `hostId` with one sample `ageMs` ago. */
export async function addSampledContainer(
  database: TestDatabase,
  orgId: string,
  hostId: string,
  options: {
    name: string;
    image?: string;
    ageMs?: number;
    cpuPct?: number;
    memBytes?: number;
    /** Omitted: the sample of an agent that predates cumulative CPU seconds. */
    cpuSeconds?: number;
  },
): Promise<SampledContainer> {
  const shortId = await addContainer(database, orgId, hostId, {
    name: options.name,
    image: options.image ?? 'nginx:1.27',
    health: 'healthy',
    restartCount: 3,
  });
  await ingest(database, orgId, hostId, {
    containerSamples: [
      {
        containerId: shortId,
        ts: new Date(Date.now() - (options.ageMs ?? 20_000)),
        cpuPct: options.cpuPct ?? 37.5,
        memBytes: options.memBytes ?? 123_456_789,
        memLimit: 1_073_741_824,
        netRx: 1000,
        netTx: 2000,
        blkRead: 3000,
        blkWrite: 4000,
        pids: 7,
        ...(options.cpuSeconds === undefined ? {} : { cpuSeconds: options.cpuSeconds }),
      },
    ],
  });
  return { hostId, shortId, name: options.name };
}

export { addContainer, addHost };

import { issueSecret, rollUpDirtyMinutes, withOrg } from '@berth/db';
import { expectedStorageEngine, seedOrg } from '@berth/db/testing';
import { CLOSE_CODES } from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, ownerQuery, runtimeQuery, samplePartitions } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

let harness: TestGateway;
const now = () => Date.now() - 60_000;

beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(() => harness?.stop());

describe('agent socket ingest', () => {
  it('commits each batch once, acks after commit, and answers a replay with duplicate', async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    const welcome = await agent.hello();
    expect(welcome).toMatchObject({ hostId: host.hostId, resumeFromSeq: 0 });
    const baseTime = now();
    const batches = [1, 2, 3].map((seq) => makeBatchFrame({ seq, containers: 5, baseTime }));
    for (const batch of batches) agent.send(batch);
    for (const seq of [1, 2, 3])
      expect(await agent.next('ack')).toEqual({ type: 'ack', seq, status: 'committed' });
    // Rollups come from the periodic job (here run at once, for every marked minute).
    await rollUpDirtyMinutes(harness.database.pool, { settledBefore: new Date(Date.now() + 3_600_000) });
    const first = await countRows(harness.database.adminUrl, host.hostId);
    expect(first).toMatchObject({
      container_samples: 15,
      host_samples: 3,
      containers: 5,
      rollup_1m_samples: 15,
      rollup_1h_samples: 15,
      last_seq: 3,
    });
    expect(first.container_logs).toBe(batches.reduce((n, b) => n + b.logs.length, 0));
    expect(first.container_events).toBe(batches.reduce((n, b) => n + b.events.length + b.health.length, 0));
    await agent.close();

    // The ack of batch 3 was "lost": the agent reconnects and replays it, then sends 4.
    const again = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    expect((await again.hello()).resumeFromSeq).toBe(3);
    again.send(batches[2] ?? '');
    again.send(makeBatchFrame({ seq: 4, containers: 5, baseTime }));
    expect(await again.next('ack')).toEqual({ type: 'ack', seq: 3, status: 'duplicate' });
    expect(await again.next('ack')).toEqual({ type: 'ack', seq: 4, status: 'committed' });
    await rollUpDirtyMinutes(harness.database.pool, { settledBefore: new Date(Date.now() + 3_600_000) });
    const second = await countRows(harness.database.adminUrl, host.hostId);
    expect(second.container_samples).toBe(20);
    expect(second.rollup_1m_samples).toBe(20);
    await again.close();
  });

  it("writes the agent's auto-restart attempts as container events and audit rows once, also when replayed", async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    const batch = makeBatchFrame({ seq: 1, containers: 2, baseTime: now() });
    const containerId = batch.containerSamples[0]?.containerId ?? '';
    const ts = batch.sentAt;
    batch.events.push(
      {
        containerId,
        ts,
        action: 'autoheal_restart',
        attributes: { actor: 'auto-restart', reason: 'exited with code 1', attempt: '1', outcome: 'started' },
        count: 1,
      },
      {
        containerId,
        ts,
        action: 'autoheal_gave_up',
        attributes: { actor: 'auto-restart', reason: 'exited with code 1', attempts: '1' },
        count: 1,
      },
    );
    agent.send(batch);
    expect(await agent.next('ack')).toEqual({ type: 'ack', seq: 1, status: 'committed' });
    await agent.close();
    // The ack was lost: the agent replays the batch after reconnecting.
    const again = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await again.hello();
    again.send(batch);
    expect(await again.next('ack')).toEqual({ type: 'ack', seq: 1, status: 'duplicate' });
    await again.close();

    const audit = await ownerQuery<{ action: string; target_id: string; details: Record<string, string> }>(
      harness.database.adminUrl,
      'SELECT action, target_id, details FROM audit_logs WHERE org_id = $1 ORDER BY action DESC',
      [host.orgId],
    );
    expect(audit).toEqual([
      {
        action: 'container.autoheal_restart',
        target_id: `${host.hostId}/${containerId}`,
        details: expect.objectContaining({
          actor: 'auto-restart',
          reason: 'exited with code 1',
          attempt: '1',
        }),
      },
      {
        action: 'container.autoheal_gave_up',
        target_id: `${host.hostId}/${containerId}`,
        details: expect.objectContaining({ actor: 'auto-restart', attempts: '1' }),
      },
    ]);
    const events = await ownerQuery<{ action: string }>(
      harness.database.adminUrl,
      "SELECT action FROM container_events WHERE host_id = $1 AND action LIKE 'autoheal%' ORDER BY action DESC",
      [host.hostId],
    );
    expect(events).toEqual([{ action: 'autoheal_restart' }, { action: 'autoheal_gave_up' }]);
  });

  it('stores two organisations in partitions or chunks the runtime role cannot read around RLS', async () => {
    expect(harness.database.engine).toBe(expectedStorageEngine());
    const hosts = [await seedOrg(harness.database.db), await seedOrg(harness.database.db)];
    for (const host of hosts) {
      const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
      await agent.hello();
      agent.send(makeBatchFrame({ seq: 1, containers: 2, baseTime: now() }));
      expect((await agent.next('ack')).status).toBe('committed');
      await agent.close();
    }
    const [mine, theirs] = hosts.map((host) => host.orgId);
    const children = await samplePartitions(
      harness.database.adminUrl,
      hosts.map((host) => host.hostId),
    );
    // Where the rows landed: a chunk TimescaleDB created during the ingest, or a native partition.
    const schema = harness.database.engine === 'timescaledb' ? '_timescaledb_internal.' : 'public.';
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((child) => child.startsWith(schema))).toBe(true);
    for (const child of children) {
      await expect(
        runtimeQuery(harness.database.appUrl, mine ?? '', `SELECT * FROM ${child}`),
      ).rejects.toMatchObject({
        code: '42501',
      });
    }
    const visible = await runtimeQuery<{ org_id: string }>(
      harness.database.appUrl,
      mine ?? '',
      `SELECT DISTINCT org_id FROM container_samples WHERE org_id IN ('${mine}', '${theirs}')`,
    );
    expect(visible).toEqual([{ org_id: mine }]);
  });

  it('records a jump in seq as a gap of the right size', async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    agent.send(makeBatchFrame({ seq: 1, containers: 1, baseTime: now() }));
    agent.send(
      makeBatchFrame({
        seq: 7,
        containers: 1,
        baseTime: now(),
        gap: { droppedBatches: 5, fromSeq: 2, toSeq: 6 },
      }),
    );
    await agent.next('ack');
    await agent.next('ack');
    const gaps = await ownerQuery(
      harness.database.adminUrl,
      'SELECT from_seq, to_seq, dropped FROM ingest_gaps WHERE host_id = $1',
      [host.hostId],
    );
    expect(gaps).toEqual([{ from_seq: '2', to_seq: '6', dropped: 5 }]);
    await agent.close();
  });

  it("stores a sample's cumulative CPU seconds as sent, and NULL from an agent that predates them", async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    const batch = makeBatchFrame({ seq: 1, containers: 2, baseTime: now() });
    const [newer, older] = batch.containerSamples;
    if (!newer || !older) throw new Error('factory made too few samples');
    newer.cpuSeconds = 6.033376241;
    delete older.cpuSeconds;
    agent.send(batch);
    expect((await agent.next('ack')).status).toBe('committed');
    const rows = await ownerQuery<{ container_id: string; cpu_seconds: number | null }>(
      harness.database.adminUrl,
      'SELECT container_id, cpu_seconds FROM container_samples WHERE host_id = $1',
      [host.hostId],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { container_id: newer.containerId, cpu_seconds: 6.033376241 },
        { container_id: older.containerId, cpu_seconds: null },
      ]),
    );
    expect(rows).toHaveLength(2);
    await agent.close();
  });

  it('stores the batch but not items outside the accepted time window', async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    const batch = makeBatchFrame({ seq: 1, containers: 3, baseTime: now() });
    const stale = makeBatchFrame({ seq: 1, containers: 3, baseTime: Date.parse('2020-01-01T00:00:00Z') });
    batch.containerSamples.push(...stale.containerSamples);
    agent.send(batch);
    expect((await agent.next('ack')).status).toBe('committed');
    expect((await countRows(harness.database.adminUrl, host.hostId)).container_samples).toBe(3);
    await agent.close();
  });

  it('applies inventory changes: upsert, removal, and absence from a full list', async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    const full = makeBatchFrame({ seq: 1, containers: 4, baseTime: now() });
    agent.send(full);
    await agent.next('ack');
    const [gone, ...rest] = full.inventory?.containers ?? [];
    const partial = makeBatchFrame({ seq: 2, containers: 0, inventory: 'none', baseTime: now() });
    partial.inventory = {
      full: false,
      containers: [{ ...(rest[0] ?? gone), state: 'exited', exitCode: 137 } as never],
      removed: [gone?.id.slice(0, 12) ?? ''],
    };
    agent.send(partial);
    await agent.next('ack');
    const rows = await ownerQuery<{
      short_id: string;
      state: string;
      exit_code: number | null;
      removed: boolean;
    }>(
      harness.database.adminUrl,
      'SELECT short_id, state, exit_code, removed_at IS NOT NULL AS removed FROM containers WHERE host_id = $1 ORDER BY short_id',
      [host.hostId],
    );
    expect(rows.filter((row) => row.removed).map((row) => row.short_id)).toEqual([gone?.id.slice(0, 12)]);
    expect(rows.find((row) => row.short_id === rest[0]?.id.slice(0, 12))).toMatchObject({
      state: 'exited',
      exit_code: 137,
    });
    const fullAgain = makeBatchFrame({ seq: 3, containers: 0, inventory: 'none', baseTime: now() });
    fullAgain.inventory = { full: true, containers: rest.slice(0, 1), removed: [] };
    agent.send(fullAgain);
    await agent.next('ack');
    const live = await ownerQuery(
      harness.database.adminUrl,
      'SELECT count(*)::int AS n FROM containers WHERE host_id = $1 AND removed_at IS NULL',
      [host.hostId],
    );
    expect(live).toEqual([{ n: 1 }]);
    await agent.close();
  });

  it('closes with 4000 when seq goes backwards on one connection, writing nothing for it', async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    agent.send(makeBatchFrame({ seq: 5, containers: 1, baseTime: now() }));
    await agent.next('ack');
    agent.send(makeBatchFrame({ seq: 4, containers: 1, baseTime: now() }));
    expect((await agent.closed).code).toBe(CLOSE_CODES.badFrame);
    expect((await countRows(harness.database.adminUrl, host.hostId)).container_samples).toBe(1);
  });

  it('refuses unknown credentials with 4001 and revoked hosts with 4003, also while connected', async () => {
    const stranger = new FakeAgent(harness.wsUrl, issueSecret('host').secret);
    expect((await stranger.closed).code).toBe(CLOSE_CODES.unauthorised);
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    await withOrg(harness.database.db, host.orgId, (tx) =>
      tx.host.update({ where: { id: host.hostId }, data: { revokedAt: new Date() } }),
    );
    // The console's revoke publishes to the gateway that holds the host: closed at once.
    await harness.gateway.ctx.bus.publish(`gateway:${harness.gateway.ctx.gatewayId}:actions`, {
      kind: 'revoke',
      hostId: host.hostId,
    });
    expect((await agent.closed).code).toBe(CLOSE_CODES.revoked);
    const retry = new FakeAgent(harness.wsUrl, host.hostCredential);
    expect((await retry.closed).code).toBe(CLOSE_CODES.revoked);
  });

  it('closes with 4008 when an agent exceeds its frame rate', async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    for (let i = 0; i < 100; i += 1) agent.send({ type: 'ping', ts: i });
    expect((await agent.closed).code).toBe(CLOSE_CODES.rateLimited);
  });

  it('accepts batches over HTTP for networks without WebSockets', async () => {
    const host = await seedOrg(harness.database.db);
    const batch = makeBatchFrame({ seq: 1, containers: 2, baseTime: now() });
    const post = () =>
      fetch(`${harness.httpUrl}/agent/v1/batches`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host.hostCredential}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ type: 'ack', seq: 1, status: 'committed' });
    expect(await (await post()).json()).toEqual({ type: 'ack', seq: 1, status: 'duplicate' });
    expect((await countRows(harness.database.adminUrl, host.hostId)).container_samples).toBe(2);
    const bad = await fetch(`${harness.httpUrl}/agent/v1/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.hostCredential}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...batch,
        seq: 2,
        containerSamples: [{ ...batch.containerSamples[0], cpuPct: 'NaN' }],
      }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
      'containerSamples[0].cpuPct',
    );
  });
});

import { randomUUID } from 'node:crypto';
import { localWallTime } from '@berth/api-contract';
import { type Bus, channels, createRedisBus, keys } from '@berth/bus';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { type Fixtures, fixtures } from './test/fixtures.js';
import { type ManualClock, manualClock } from './test/manual-clock.js';

// Two alerters on one database and one Redis, as two replicas run, both running the
// automatic-update step at the same moment: every update is dispatched once, one container at
// a time per image reference, the next only after the previous succeeded, none after a failure.
// Only containers whose update policy resolves to `auto` are updated automatically.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `berth-test-${randomUUID()}:`;
const buses: Bus[] = [];
let database: TestDatabase;
let clock: ManualClock;
let a: TestAlerter;
let b: TestAlerter;
let gateway: Bus;
let f: Fixtures;

beforeAll(async () => {
  database = await createTestDatabase();
  clock = manualClock();
  const bus = (name: string) => {
    const created = createRedisBus(REDIS_URL, { prefix, name });
    buses.push(created);
    return created;
  };
  a = await startTestAlerter({ database, clock, bus: bus('alerter-a') });
  b = await startTestAlerter({ database, clock, bus: bus('alerter-b') });
  gateway = bus('gateway');
  f = fixtures(database);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  for (const created of buses) await created.close();
  await database?.drop();
});

const IMAGE = 'registry.test:5000/shop/web:1';
const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;

/** Both replicas at once, as their timers may fire. */
const bothRun = () => Promise.all([a.alerter.autoUpdates(), b.alerter.autoUpdates()]);

/**
 * An organisation with `hosts` hosts that can update, each running IMAGE (outdated), automatic
 * updates on, and the update policy `auto` for IMAGE's pattern (unless `pattern` is null).
 */
async function outdatedFleet(
  hostNames: string[],
  window: { open: boolean },
  pattern: 'auto' | 'allow' | null = 'auto',
) {
  const { orgId, hostId } = await f.org();
  const hosts = [hostId];
  for (const name of hostNames.slice(1)) hosts.push(await f.host(orgId, { name }));
  const containers: string[] = [];
  for (const [i, id] of hosts.entries()) {
    await f.inOrg(orgId, (c) =>
      c.query(`UPDATE hosts SET name = $2, capabilities = '{container_update}' WHERE id = $1`, [
        id,
        hostNames[i],
      ]),
    );
    containers.push(await f.container(orgId, id, { name: 'web' }));
  }
  await f.inOrg(orgId, async (c) => {
    await c.query(
      `UPDATE containers SET image = $1, image_platform = 'linux/amd64', repo_digests = ARRAY[$2]`,
      [IMAGE, `registry.test:5000/shop/web@${OLD}`],
    );
    await c.query(
      `INSERT INTO image_update_checks (org_id, image, platform, status, remote_digest, checked_at)
       VALUES ($1, $2, 'linux/amd64', 'update_available', $3, now())`,
      [orgId, IMAGE, NEW],
    );
    if (pattern)
      await c.query(
        `INSERT INTO update_policies (org_id, scope, pattern, policy) VALUES ($1, 'pattern', 'registry.test:5000/shop/*', $2)`,
        [orgId, pattern],
      );
    // A window around now (open) or starting two hours from now (closed), in the org's zone.
    const { minute } = localWallTime(clock.now(), 'Europe/Berlin');
    const start = window.open ? (minute + 1440 - 10) % 1440 : (minute + 120) % 1440;
    await c.query(
      `INSERT INTO auto_update_settings (org_id, enabled, time_zone, weekdays, start_minute, duration_minutes, health_timeout_s)
       VALUES ($1, true, 'Europe/Berlin', '{0,1,2,3,4,5,6}', $2, 60, 90)`,
      [orgId, start],
    );
  });
  return { orgId, hosts, containers };
}

async function actionsOf(orgId: string) {
  const { rows } = await f.inOrg(orgId, (c) =>
    c.query<{ id: string; host_id: string; container_short_id: string; params: unknown; status: string }>(
      `SELECT id, host_id, container_short_id, params, status::text AS status FROM actions ORDER BY created_at, id`,
    ),
  );
  return rows;
}

/** The agent's result as the gateway records it (record-action-result). */
async function finish(orgId: string, actionId: string, status: 'succeeded' | 'failed', output: string) {
  await f.inOrg(orgId, (c) =>
    c.query(`UPDATE actions SET status = $2::action_status, output = $3, finished_at = now() WHERE id = $1`, [
      actionId,
      status,
      output,
    ]),
  );
}

async function rolloutsOf(orgId: string) {
  const { rows } = await f.inOrg(orgId, (c) =>
    c.query<{
      status: string;
      dispatched: string[];
      failure: string | null;
      failed_container: string | null;
    }>(`SELECT status, dispatched, failure, failed_container FROM auto_update_rollouts`),
  );
  return rows;
}

async function remainingOf(orgId: string) {
  const { rows } = await f.inOrg(orgId, (c) =>
    c.query<{ remaining: number }>(`SELECT remaining FROM auto_update_rollouts`),
  );
  return rows.map((row) => row.remaining);
}

describe('automatic updates', () => {
  it('two replicas: one host at a time, each update dispatched once, the first failure stops the rollout', async () => {
    const { orgId, hosts, containers } = await outdatedFleet(['h1', 'h2', 'h3'], { open: true });
    // The gateway holding h1 is told at once (through Redis, as the API's Update button does).
    const nudges: unknown[] = [];
    await gateway.setKey(keys.presence(hosts[0] as string), 'gw-1', 60_000);
    await gateway.subscribe(channels.gatewayActions('gw-1'), (message) => void nudges.push(message));

    await bothRun();
    await bothRun();
    let actions = await actionsOf(orgId);
    expect(actions.map((x) => [x.host_id, x.container_short_id.trim(), x.status])).toEqual([
      [hosts[0], containers[0], 'queued'],
    ]);
    expect(actions[0]?.params).toEqual({ image: IMAGE, healthTimeoutS: 90 });
    // Two more `auto` containers wait behind the one in flight.
    expect(await remainingOf(orgId)).toEqual([2]);
    await expect.poll(() => nudges).toEqual([{ kind: 'action', hostId: hosts[0], actionId: actions[0]?.id }]);

    // The first update succeeded: the next host, once.
    await finish(orgId, actions[0]?.id as string, 'succeeded', 'updated web');
    await bothRun();
    await bothRun();
    actions = await actionsOf(orgId);
    expect(actions.map((x) => x.host_id)).toEqual([hosts[0], hosts[1]]);

    // It failed (and rolled back): recorded on the rollout; h3 is never touched.
    await finish(orgId, actions[1]?.id as string, 'failed', 'update of web failed: exit code 3; rolled back');
    await bothRun();
    await bothRun();
    expect((await actionsOf(orgId)).map((x) => x.host_id)).toEqual([hosts[0], hosts[1]]);
    expect(await rolloutsOf(orgId)).toEqual([
      {
        status: 'failed',
        dispatched: [`${hosts[0]}/web`, `${hosts[1]}/web`],
        failure: 'failed: update of web failed: exit code 3; rolled back',
        failed_container: 'web',
      },
    ]);

    // Each dispatch is an audited action with actor "auto-update".
    const audit = await f.inOrg(orgId, (c) =>
      c.query<{ target_id: string; user_agent: string; actor: string; policy: string }>(
        `SELECT target_id, user_agent, details->>'actor' AS actor, details->>'policy' AS policy
           FROM audit_logs WHERE action = 'action.container.update' ORDER BY id`,
      ),
    );
    expect(audit.rows).toEqual([
      {
        target_id: `${hosts[0]}/${containers[0]}`,
        user_agent: 'auto-update',
        actor: 'auto-update',
        policy: 'auto',
      },
      {
        target_id: `${hosts[1]}/${containers[1]}`,
        user_agent: 'auto-update',
        actor: 'auto-update',
        policy: 'auto',
      },
    ]);
  });

  it('only auto containers: allow and warn ones are left for a person; the rollout succeeds when none is left', async () => {
    const { orgId, hosts, containers } = await outdatedFleet(['h1', 'h2', 'h3'], { open: true });
    await f.inOrg(orgId, async (c) => {
      await c.query(`UPDATE containers SET labels = '{"berth.update_policy":"warn"}' WHERE host_id = $1`, [
        hosts[0],
      ]);
      // h2's web is `allow` by its own setting: updatable by hand, never automatically.
      await c.query(
        `INSERT INTO update_policies (org_id, scope, host_id, container_name, policy)
         VALUES ($1, 'container', $2, 'web', 'allow')`,
        [orgId, hosts[1]],
      );
    });
    await bothRun();
    const actions = await actionsOf(orgId);
    expect(actions.map((x) => x.container_short_id.trim())).toEqual([containers[2]]);
    await finish(orgId, actions[0]?.id as string, 'succeeded', 'updated web');
    await bothRun();
    expect((await actionsOf(orgId)).length).toBe(1);
    expect((await rolloutsOf(orgId)).map((r) => [r.status, r.dispatched])).toEqual([
      ['succeeded', [`${hosts[2]}/web`]],
    ]);
  });

  it('with no auto rule (allow, the default) nothing is updated and no rollout starts', async () => {
    const byDefault = await outdatedFleet(['h1'], { open: true }, null);
    const allowed = await outdatedFleet(['h1'], { open: true }, 'allow');
    await bothRun();
    for (const { orgId } of [byDefault, allowed]) {
      expect(await actionsOf(orgId)).toEqual([]);
      expect(await rolloutsOf(orgId)).toEqual([]);
    }
    // The label opts one container in.
    await f.inOrg(allowed.orgId, (c) =>
      c.query(`UPDATE containers SET labels = '{"berth.update_policy":"auto"}'`),
    );
    await bothRun();
    expect((await actionsOf(allowed.orgId)).map((x) => x.container_short_id.trim())).toEqual(
      allowed.containers,
    );
    expect(await actionsOf(byDefault.orgId)).toEqual([]);
  });

  it('outside the window nothing starts; an update in flight still has its outcome recorded', async () => {
    const { orgId } = await outdatedFleet(['h1', 'h2'], { open: false });
    await bothRun();
    expect(await actionsOf(orgId)).toEqual([]);
    expect(await rolloutsOf(orgId)).toEqual([]);
    // The window opens two hours later: the first host is dispatched.
    clock.advance(2 * 3_600_000 + 60_000);
    await bothRun();
    const [first] = await actionsOf(orgId);
    expect(first?.status).toBe('queued');
    // …and closes while that update runs: its failure is still recorded, nothing else starts.
    clock.advance(2 * 3_600_000);
    await finish(orgId, first?.id as string, 'failed', 'timed out waiting for health');
    await bothRun();
    expect((await actionsOf(orgId)).length).toBe(1);
    expect((await rolloutsOf(orgId)).map((r) => r.status)).toEqual(['failed']);
  });
});

import { randomUUID } from 'node:crypto';
import { type Bus, createRedisBus, publishOrgEvent } from '@berth/bus';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hostRank } from './sharing/replica-set.js';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { type Fixtures, fixtures } from './test/fixtures.js';
import { type ManualClock, manualClock } from './test/manual-clock.js';

// Two replicas on one database (and one Redis) share the work instead of repeating it: the
// periodic pass is claimed per organisation, and each host's events are evaluated by the one
// replica its hash falls on. What each did is counted through the alerter's probe.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASS_MS = 15_000;
const LEASE_MS = 60_000;

type Work = { passes: string[]; events: { orgId: string; hostIds: string[] }[]; seen: Map<string, boolean> };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world(options: { redis?: boolean } = {}) {
  const database: TestDatabase = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock: ManualClock = manualClock();
  const prefix = `berth-test-${randomUUID()}:`;
  const bus = (name: string): Bus | undefined => {
    if (!options.redis) return undefined;
    const created = createRedisBus(REDIS_URL, { prefix, name });
    cleanups.push(() => created.close());
    return created;
  };
  const replica = async (name: string, hold?: () => Promise<void>) => {
    const work: Work = { passes: [], events: [], seen: new Map() };
    const replicaBus = bus(name);
    const started: TestAlerter = await startTestAlerter({
      database,
      clock,
      ...(replicaBus ? { bus: replicaBus } : {}),
      settings: { passMs: PASS_MS, leaseMs: LEASE_MS },
      probe: {
        hostEvent: (_orgId, hostId, taken) => work.seen.set(hostId, taken),
        async evaluating(orgId, hostIds, cause) {
          if (cause === 'pass') work.passes.push(orgId);
          else work.events.push({ orgId, hostIds: hostIds ?? [] });
          await hold?.();
        },
      },
    });
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await started.stop();
    });
    return {
      ...started,
      work,
      async crash() {
        stopped = true;
        await started.alerter.stop({ release: false });
      },
      async stopCleanly() {
        stopped = true;
        await started.stop();
      },
    };
  };
  return { database, clock, f: fixtures(database), replica, bus };
}

/** Organisations whose one host runs an outdated agent: an agent_outdated rule fires on every pass. */
async function outdatedOrgs(f: Fixtures, n: number) {
  const orgs: { orgId: string; ruleId: string }[] = [];
  for (let i = 0; i < n; i += 1) {
    const { orgId, hostId } = await f.org();
    await f.updateHost(orgId, hostId, { agentVersion: '0.4.0' });
    orgs.push({ orgId, ruleId: await f.rule(orgId, { kind: 'agent_outdated', params: {} }) });
  }
  return orgs;
}

async function firingEvents(f: Fixtures, orgs: { orgId: string }[]) {
  const counts: number[] = [];
  for (const { orgId } of orgs) {
    counts.push((await f.alertEvents(orgId)).filter((e) => e.kind === 'firing').length);
  }
  return counts;
}

const sorted = (values: string[]) => [...values].sort();

describe('the periodic pass, claimed per organisation', () => {
  it('one round of both replicas evaluates each organisation exactly once, and each alert fires once', async () => {
    const { f, clock, replica } = await world();
    const a = await replica('a');
    const b = await replica('b');
    const orgs = await outdatedOrgs(f, 12);
    const ids = orgs.map((o) => o.orgId);

    const [fromA, fromB] = await Promise.all([a.alerter.pass(), b.alerter.pass()]);
    expect(sorted([...a.work.passes, ...b.work.passes])).toEqual(sorted(ids));
    expect([...fromA, ...fromB].map((t) => t.to)).toEqual(Array(12).fill('firing'));
    expect(await firingEvents(f, orgs)).toEqual(Array(12).fill(1));
    console.info(
      `pass round over 12 organisations: a took ${a.work.passes.length}, b ${b.work.passes.length}`,
    );

    // Nothing is due again until an interval has passed (less a tenth for timer jitter).
    await Promise.all([a.alerter.pass(), b.alerter.pass()]);
    clock.advance(PASS_MS * 0.9 - 1);
    await Promise.all([a.alerter.pass(), b.alerter.pass()]);
    expect(a.work.passes.length + b.work.passes.length).toBe(12);

    clock.advance(1);
    await Promise.all([a.alerter.pass(), b.alerter.pass(), a.alerter.pass(), b.alerter.pass()]);
    expect(sorted([...a.work.passes, ...b.work.passes])).toEqual(sorted([...ids, ...ids]));
    expect(await firingEvents(f, orgs)).toEqual(Array(12).fill(1));
  });

  it('an organisation that gains its first rule is due at once; one whose rules are off is visited until its alerts resolve', async () => {
    const { f, clock, replica } = await world();
    const a = await replica('a');
    const [kept, switchedOff] = (await outdatedOrgs(f, 2)).map((o) => o.orgId) as [string, string];
    await a.alerter.pass();
    expect(sorted(a.work.passes)).toEqual(sorted([kept, switchedOff]));
    await f.inOrg(switchedOff, (c) => c.query('UPDATE alert_rules SET enabled = false'));
    const late = (await outdatedOrgs(f, 1)).map((o) => o.orgId);
    await a.alerter.pass();
    expect(a.work.passes.slice(2)).toEqual(late);

    clock.advance(PASS_MS);
    const resolved = await a.alerter.pass();
    expect(sorted(a.work.passes.slice(3))).toEqual(sorted([kept, switchedOff, ...late]));
    expect(resolved.map((t) => [t.orgId, t.to])).toEqual([[switchedOff, 'resolved']]);
    clock.advance(PASS_MS);
    await a.alerter.pass();
    expect(sorted(a.work.passes.slice(6))).toEqual(sorted([kept, ...late]));
  });

  it('a replica that dies mid-pass holds its organisations until its lease runs out; then the other takes them', async () => {
    let releaseA: () => void = () => undefined;
    const heldA = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    const { f, clock, replica } = await world();
    const a = await replica('a', () => heldA);
    const b = await replica('b');
    const orgs = await outdatedOrgs(f, 3);

    // A claims all three (one batch) and hangs in the first evaluation: as good as dead.
    const passOfA = a.alerter.pass();
    await expect.poll(() => a.work.passes.length).toBe(1);
    expect(await b.alerter.pass()).toEqual([]);
    clock.advance(LEASE_MS - 1);
    expect(await b.alerter.pass()).toEqual([]);
    expect(b.work.passes).toEqual([]);

    clock.advance(1);
    const taken = await b.alerter.pass();
    expect(sorted(b.work.passes)).toEqual(sorted(orgs.map((o) => o.orgId)));
    expect(taken.map((t) => t.to)).toEqual(['firing', 'firing', 'firing']);

    // The dead replica's late finish is fenced out by the lease token: B's schedule stands.
    releaseA();
    await passOfA;
    expect(await firingEvents(f, orgs)).toEqual([1, 1, 1]);
    const { rows } = await f.inOrg(orgs[0]?.orgId ?? '', (c) =>
      c.query<{ due_at: Date; claimed_by: string | null }>(
        'SELECT due_at, claimed_by FROM alert_pass_claims',
      ),
    );
    expect(rows).toEqual([{ due_at: new Date(clock.now().getTime() + PASS_MS * 0.9), claimed_by: null }]);
    await a.crash();
  });

  it('a replica stopped cleanly finishes the round in flight, then leaves nothing held', async () => {
    let releaseA: () => void = () => undefined;
    const heldA = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    const { f, replica } = await world();
    const a = await replica('a', () => heldA);
    const b = await replica('b');
    const orgs = await outdatedOrgs(f, 2);
    const passOfA = a.alerter.pass();
    await expect.poll(() => a.work.passes.length).toBe(1);
    expect(await b.alerter.pass()).toEqual([]);
    // stop() waits for the pass in flight (released here) before it leaves and closes.
    const stopping = a.stopCleanly();
    releaseA();
    await Promise.all([passOfA, stopping]);
    expect(a.work.passes).toHaveLength(2);
    // A finished both (due an interval on): B has nothing to take, and nothing is held.
    expect(await b.alerter.pass()).toEqual([]);
    for (const { orgId } of orgs) {
      const { rows } = await f.inOrg(orgId, (c) =>
        c.query('SELECT claimed_by, lease_until FROM alert_pass_claims'),
      );
      expect(rows).toEqual([{ claimed_by: null, lease_until: null }]);
    }
  });
});

describe('host events, split among the live replicas', () => {
  it('with two replicas each host event is evaluated by exactly one; a dead one’s hosts pass to the other after the lease', async () => {
    const { f, clock, replica, bus } = await world({ redis: true });
    const a = await replica('a');
    const b = await replica('b');
    const gateway = bus('gateway') as Bus;
    const { orgId, hostId } = await f.org();
    const hosts = [hostId];
    for (let i = 1; i < 24; i += 1) hosts.push(await f.host(orgId, { name: `h-${i}` }));

    // A joined before B: it learns of B on its next heartbeat (a third of the lease; here by hand).
    const views = [await a.alerter.heartbeat(), await b.alerter.heartbeat()];
    expect(views.map((v) => v.size)).toEqual([2, 2]);
    expect(sorted(views.map((v) => String(v.rank)))).toEqual(['0', '1']);
    const rankOfA = views[0]?.rank;

    const publishAll = async () => {
      for (const id of hosts) {
        await publishOrgEvent(gateway, orgId, {
          type: 'host.status',
          hostId: id,
          status: 'online',
          at: clock.now().toISOString(),
        });
      }
    };
    await publishAll();
    await expect.poll(() => [a.work.seen.size, b.work.seen.size]).toEqual([24, 24]);
    await Promise.all([a.alerter.idle(), b.alerter.idle()]);
    const evaluatedHosts = (work: Work) => work.events.flatMap((e) => e.hostIds);
    expect(sorted([...evaluatedHosts(a.work), ...evaluatedHosts(b.work)])).toEqual(sorted(hosts));
    expect(sorted(evaluatedHosts(a.work))).toEqual(sorted(hosts.filter((h) => hostRank(h, 2) === rankOfA)));
    for (const id of hosts) expect(a.work.seen.get(id), id).toBe(!b.work.seen.get(id));
    console.info(
      `24 host events: a evaluated ${evaluatedHosts(a.work).length}, b ${evaluatedHosts(b.work).length}`,
    );

    // B dies without leaving. Until its heartbeat row runs out A still leaves B's hosts alone
    // (the periodic pass covers them meanwhile); then A takes every host.
    await b.crash();
    clock.advance(LEASE_MS - 1);
    expect(await a.alerter.heartbeat()).toEqual({ rank: rankOfA, size: 2 });
    clock.advance(1);
    expect(await a.alerter.heartbeat()).toEqual({ rank: 0, size: 1 });
    a.work.seen.clear();
    a.work.events.length = 0;
    await publishAll();
    await expect.poll(() => a.work.seen.size).toBe(24);
    await a.alerter.idle();
    expect([...a.work.seen.values()].every(Boolean)).toBe(true);
    expect(sorted(evaluatedHosts(a.work))).toEqual(sorted(hosts));

    // A third replica that joins and stops cleanly: the set shrinks back at once, no lease to wait.
    const c = await replica('c');
    expect((await a.alerter.heartbeat()).size).toBe(2);
    await c.stopCleanly();
    expect(await a.alerter.heartbeat()).toEqual({ rank: 0, size: 1 });
  });
});

import path from 'node:path';
import { buildApi } from '@berth/api/app';
import { type Bus, channels, createRedisBus, keys } from '@berth/bus';
import { issueSecret, withOrg } from '@berth/db';
import { seedOrg } from '@berth/db/testing';
import { docker, dockerAvailability } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaultRun, type FaultRun } from '../support/fault-run.js';
import { freePort } from '../support/free-port.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { type Balancer, startRoundRobinBalancer } from '../support/round-robin-balancer.js';
import { agentHostId, agentStreaming, startAgent } from '../support/start-agent.js';
import { startGateway } from '../support/start-gateway.js';
import { waitFor } from '../support/wait-for.js';

const availability = await dockerAvailability();
const skipped = availability.ok ? '' : ` (skipped: ${availability.reason})`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const SECRET = 'e2e-control-plane-secret-0123456789abcdef';

type ApiInstance = Awaited<ReturnType<typeof buildApi>> & { bus: Bus };
type ActionView = { id: string; status: string; output: string | null; hostId: string };

describe.skipIf(!availability.ok)(
  `control plane across three gateways and two API instances${skipped}`,
  () => {
    let run: FaultRun;
    let balancer: Balancer;
    const gateways: ManagedProcess[] = [];
    const agents: { process: ManagedProcess; hostId: string }[] = [];
    const apis: ApiInstance[] = [];
    let token = '';
    let userId = '';
    let adminBus: Bus;

    beforeAll(async () => {
      run = await createFaultRun('control');
      const ports = [await freePort(), await freePort(), await freePort()];
      for (const [index, port] of ports.entries()) {
        gateways.push(
          await startGateway({
            databaseUrl: run.database.appUrl,
            port,
            logDir: run.logDir,
            name: `gw-${index + 1}-${run.runId}`,
            env: { REDIS_URL, AGENT_INTERVAL_S: '2' },
          }),
        );
      }
      balancer = await startRoundRobinBalancer(ports);
      for (const index of [1, 2, 3]) {
        const agent = await startAgent({
          server: balancer.url,
          token: run.token,
          stateDir: path.join(run.dir, `agent-${index}`),
          logDir: run.logDir,
          name: `agent-${index}`,
        });
        await agentStreaming(agent);
        agents.push({ process: agent, hostId: await agentHostId(agent) });
      }
      for (const index of [1, 2]) {
        const bus = createRedisBus(REDIS_URL, { name: `e2e-api-${index}` });
        const api = await buildApi({
          databaseUrl: run.database.appUrl,
          bus,
          settings: {
            authSecret: SECRET,
            consoleOrigin: 'http://console.test',
            publicUrl: 'http://berth.test',
            gatewayUrl: balancer.url,
            production: false,
            mailFrom: 'e2e@berth.test',
          },
        });
        apis.push({ ...api, bus });
      }
      adminBus = createRedisBus(REDIS_URL, { name: 'e2e-observer' });
      const owner = await withOrg(run.database.db, run.orgId, (tx) =>
        tx.membership.findFirstOrThrow({ where: { role: 'owner' } }),
      );
      userId = owner.userId;
      const secret = issueSecret('api');
      await withOrg(run.database.db, run.orgId, (tx) =>
        tx.apiToken.create({
          data: {
            orgId: run.orgId,
            name: 'e2e',
            prefix: secret.prefix,
            tokenHash: secret.hash,
            role: 'operator',
            createdBy: userId,
          },
        }),
      );
      token = secret.secret;
    }, 120_000);

    afterAll(async () => {
      for (const api of apis) {
        await api.close();
        await api.bus.close();
      }
      await adminBus?.close();
      await balancer?.close();
      await run?.cleanup({ keepLogs: false });
    });

    const call = (api: ApiInstance | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
      (api ?? apis[0])?.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });

    async function waitForStatus(actionId: string, wanted: string[], api = apis[1]): Promise<ActionView> {
      let last: ActionView | undefined;
      await waitFor(
        async () => {
          last = (await call(api, 'GET', `/api/v1/actions/${actionId}`))?.json() as ActionView;
          return wanted.includes(last.status);
        },
        { what: `action ${actionId} ${wanted.join('|')}`, timeoutMs: 60_000 },
      );
      return last as ActionView;
    }

    const runsOf = (agent: ManagedProcess, actionId: string) =>
      agent.lines.filter((line) => line.record?.msg === 'running action' && line.record.actionId === actionId)
        .length;

    it('spreads agents over the gateways and routes each action to the right host from either API instance', async () => {
      const holders = await Promise.all(agents.map((agent) => adminBus.getKey(keys.presence(agent.hostId))));
      expect(new Set(holders).size).toBe(3);
      for (const [index, agent] of agents.entries()) {
        const api = apis[index % 2];
        const queued = (
          await call(api, 'POST', `/api/v1/hosts/${agent.hostId}/actions`, { verb: 'ping' })
        )?.json() as ActionView;
        const done = await waitForStatus(queued.id, ['succeeded', 'failed', 'rejected', 'timed_out']);
        expect(done).toMatchObject({ status: 'succeeded', output: 'pong', hostId: agent.hostId });
        expect(runsOf(agent.process, queued.id)).toBe(1);
      }
    });

    it('restarts a real container: StartedAt changes, the audit names the user, only this org’s stream sees it', async () => {
      const target = run.containers[0];
      const host = agents[0];
      if (!target || !host) throw new Error('setup');
      const stranger = await seedOrg(run.database.db);
      const strangerToken = issueSecret('api');
      await withOrg(run.database.db, stranger.orgId, (tx) =>
        tx.apiToken.create({
          data: {
            orgId: stranger.orgId,
            name: 'x',
            prefix: strangerToken.prefix,
            tokenHash: strangerToken.hash,
            role: 'viewer',
          },
        }),
      );
      const mine: unknown[] = [];
      const theirs: unknown[] = [];
      const stopMine = await adminBus.subscribe(
        channels.orgEvents(run.orgId),
        (event) => void mine.push(event),
      );
      const stopTheirs = await adminBus.subscribe(
        channels.orgEvents(stranger.orgId),
        (event) => void theirs.push(event),
      );
      const before = await docker('inspect', '-f', '{{.State.StartedAt}}', target.id);
      const queued = (
        await call(apis[0], 'POST', `/api/v1/hosts/${host.hostId}/containers/${target.shortId}/actions`, {
          verb: 'restart',
          timeoutS: 1,
        })
      )?.json() as ActionView;
      const done = await waitForStatus(queued.id, ['succeeded', 'failed', 'rejected', 'timed_out']);
      expect(done.status).toBe('succeeded');
      expect(await docker('inspect', '-f', '{{.State.StartedAt}}', target.id)).not.toBe(before);
      const audit = await withOrg(run.database.db, run.orgId, (tx) =>
        tx.auditLog.findFirstOrThrow({ where: { action: 'action.restart' } }),
      );
      expect(audit.actorUserId).toBe(userId);
      const steps = () =>
        mine
          .filter((event) => (event as { actionId?: string }).actionId === queued.id)
          .map((event) => (event as { status?: string }).status);
      await waitFor(() => steps().includes('succeeded'), { what: 'the org stream saw succeeded' });
      // Each step once and in order: one delivery is announced `sent` once (issue 11).
      expect(steps()).toEqual(['queued', 'sent', 'running', 'succeeded']);
      expect(theirs).toEqual([]);
      await stopMine();
      await stopTheirs();
    });

    it('when a gateway dies its agents reconnect elsewhere, presence follows, and an action queued meanwhile runs once', async () => {
      const victim = gateways[0];
      const orphans = [];
      for (const agent of agents) {
        if ((await adminBus.getKey(keys.presence(agent.hostId))) === victim?.name) orphans.push(agent);
      }
      expect(orphans.length).toBeGreaterThan(0);
      await victim?.kill();
      const orphan = orphans[0];
      if (!orphan) throw new Error('setup');
      const queued = (
        await call(apis[1], 'POST', `/api/v1/hosts/${orphan.hostId}/actions`, { verb: 'ping' })
      )?.json() as ActionView;
      const done = await waitForStatus(queued.id, ['succeeded', 'failed', 'rejected', 'timed_out'], apis[0]);
      expect(done.status).toBe('succeeded');
      for (const agent of orphans) {
        await waitFor(
          async () => {
            const holder = await adminBus.getKey(keys.presence(agent.hostId));
            return holder !== null && holder !== victim?.name;
          },
          { what: `presence of ${agent.hostId} moved off the dead gateway`, timeoutMs: 60_000 },
        );
      }
      expect(runsOf(orphan.process, queued.id)).toBe(1);
    });
  },
);

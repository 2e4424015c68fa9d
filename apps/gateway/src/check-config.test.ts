import { channels } from '@berth/bus';
import { withOrg } from '@berth/db';
import { seedOrg } from '@berth/db/testing';
import { ZConfigFrameSchema } from '@berth/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredCheckId } from './check-config/push-check-config.js';
import { ownerQuery } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

let harness: TestGateway;
beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(() => harness?.stop());

const TCP = (target: string) => ({ kind: 'tcp', target, intervalS: 30, timeoutMs: 10_000, retries: 1 });

/** Stores a definition as the API would (its triggers bump the host's config version). */
async function define(
  orgId: string,
  target: { hostId: string; containerName: string } | { groupId: string },
  name: string,
  spec: object,
  enabled = true,
): Promise<void> {
  const hostId = 'hostId' in target ? target.hostId : null;
  const containerName = 'containerName' in target ? target.containerName : null;
  const groupId = 'groupId' in target ? target.groupId : null;
  await withOrg(
    harness.database.db,
    orgId,
    (tx) =>
      tx.$executeRaw`INSERT INTO check_definitions (org_id, host_id, container_name, group_id, name, spec, enabled)
      VALUES (${orgId}::uuid, ${hostId}::uuid, ${containerName}, ${groupId}::uuid, ${name},
        ${JSON.stringify(spec)}::jsonb, ${enabled})`,
  );
}

async function versions(hostId: string): Promise<{ version: number; acked: number }> {
  const [row] = await ownerQuery<{ version: string; acked: string }>(
    harness.database.adminUrl,
    'SELECT config_version::text AS version, config_acked_version::text AS acked FROM hosts WHERE id = $1',
    [hostId],
  );
  return { version: Number(row?.version), acked: Number(row?.acked) };
}

const nudge = (hostId: string) =>
  harness.gateway.ctx.bus.publish(channels.gatewayActions(harness.gateway.ctx.gatewayId), {
    kind: 'config',
    hostId,
  });

describe('check config pushed to the agent', () => {
  it('sends nothing to an agent without the check_config capability', async () => {
    const org = await seedOrg(harness.database.db);
    await define(org.orgId, { hostId: org.hostId, containerName: 'web' }, 'api', TCP('{{ip}}:80'));
    const agent = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
    await agent.hello({ capabilities: ['actions', 'logs'] });
    await nudge(org.hostId);
    await agent.roundTrip();
    await agent.roundTrip();
    expect(agent.queued('config')).toEqual([]);
    expect(agent.invalid).toEqual([]);
    await agent.close();
  });

  it('resolves per-container and group checks for the host, pushes on hello and on a newer version, and records the ack', async () => {
    const org = await seedOrg(harness.database.db);
    const groupId = await withOrg(harness.database.db, org.orgId, async (tx) => {
      const group = await tx.containerGroup.create({
        data: { orgId: org.orgId, name: 'web tier', colour: '#2563eb' },
      });
      await tx.containerGroupMember.createMany({
        data: ['web', 'db'].map((containerName) => ({
          orgId: org.orgId,
          groupId: group.id,
          hostId: org.hostId,
          containerName,
        })),
      });
      return group.id;
    });
    await define(org.orgId, { hostId: org.hostId, containerName: 'web' }, 'api', TCP('{{ip}}:8080'));
    await define(org.orgId, { groupId }, 'health', TCP('{{ip}}:80'));
    // The container's own definition of `health` wins over the group's; a disabled one opts out.
    await define(org.orgId, { hostId: org.hostId, containerName: 'web' }, 'health', TCP('{{ip}}:81'));
    await define(org.orgId, { hostId: org.hostId, containerName: 'db' }, 'health', TCP('{{ip}}:82'), false);
    // Auto-restart: the group's for every member, the container's own where it has one.
    await withOrg(harness.database.db, org.orgId, async (tx) => {
      await tx.$executeRaw`INSERT INTO autoheal_policies (org_id, group_id, mode, backoff_initial_s, backoff_cap_s, max_attempts, window_s)
        VALUES (${org.orgId}::uuid, ${groupId}::uuid, 'on-failure', 10, 300, 5, 1800)`;
      await tx.$executeRaw`INSERT INTO autoheal_policies (org_id, host_id, container_name, mode, backoff_initial_s, backoff_cap_s, max_attempts, window_s)
        VALUES (${org.orgId}::uuid, ${org.hostId}::uuid, 'web', 'unhealthy', 2, 60, 3, 600)`;
    });
    const { version } = await versions(org.hostId);
    expect(version).toBe(6);

    const agent = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
    await agent.hello({ capabilities: ['actions', 'check_config'] });
    const first = await agent.next('config');
    expect(ZConfigFrameSchema.parse(first)).toEqual(first);
    expect(first.version).toBe(6);
    expect(first.autoheal).toEqual([
      {
        containerName: 'db',
        mode: 'on-failure',
        maxAttempts: 5,
        windowMs: 1_800_000,
        backoffMs: 10_000,
        backoffMaxMs: 300_000,
      },
      {
        containerName: 'web',
        mode: 'unhealthy',
        maxAttempts: 3,
        windowMs: 600_000,
        backoffMs: 2000,
        backoffMaxMs: 60_000,
      },
    ]);
    expect(
      first.checks.map((check) => [check.containerName, check.name, check.target, check.version]),
    ).toEqual([
      ['web', 'api', '{{ip}}:8080', 1],
      ['web', 'health', '{{ip}}:81', 1],
    ]);
    expect(first.checks[0]?.id).toBe(configuredCheckId(org.hostId, 'web', 'api'));

    agent.send({ type: 'config_ack', version: 6 });
    await expect.poll(() => versions(org.hostId)).toEqual({ version: 6, acked: 6 });
    // A late ack of an older version does not rewind it.
    agent.send({ type: 'config_ack', version: 2 });
    await agent.roundTrip();
    expect(await versions(org.hostId)).toEqual({ version: 6, acked: 6 });

    // A nudge without a newer version sends nothing; after a change it sends the new config.
    await nudge(org.hostId);
    await agent.roundTrip();
    expect(agent.queued('config')).toEqual([]);
    await withOrg(
      harness.database.db,
      org.orgId,
      (tx) =>
        tx.$executeRaw`UPDATE check_definitions SET enabled = true, revision = revision + 1
        WHERE host_id = ${org.hostId}::uuid AND container_name = 'db'`,
    );
    await nudge(org.hostId);
    const second = await agent.next('config');
    expect(second.version).toBe(7);
    expect(
      second.checks.map((check) => [check.containerName, check.name, check.target, check.version]),
    ).toEqual([
      ['db', 'health', '{{ip}}:82', 2],
      ['web', 'api', '{{ip}}:8080', 1],
      ['web', 'health', '{{ip}}:81', 1],
    ]);
    expect(agent.invalid).toEqual([]);
    await agent.close();
  });
});

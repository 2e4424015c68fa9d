import { seedOrg } from '@berth/db/testing';
import { makeBatchFrame, makeCheckResults } from '@berth/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerQuery, runtimeQuery } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

let harness: TestGateway;
const baseTime = () => Date.now() - 120_000;

beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(() => harness?.stop());

type Row = { check_id: string; expected: string; container_name: string; check_name: string; status: string };

function storedResults(hostId: string): Promise<Row[]> {
  return ownerQuery<Row>(
    harness.database.adminUrl,
    `SELECT check_id::text, md5(host_id::text || '/' || container_name || '/' || check_name)::uuid::text AS expected,
       container_name, check_name, status
     FROM check_results WHERE host_id = $1::uuid ORDER BY ts, check_name`,
    [hostId],
  );
}

describe('check results in batches', () => {
  it('are written once per batch: a replayed batch is a duplicate and writes none again', async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    const t = baseTime();
    const first = {
      ...makeBatchFrame({ seq: 1, containers: 2, baseTime: t }),
      checkResults: makeCheckResults({ containerName: 'web', count: 3, baseTime: t }),
    };
    const second = {
      ...makeBatchFrame({ seq: 2, containers: 2, baseTime: t }),
      checkResults: makeCheckResults({
        containerName: 'web',
        name: 'api',
        count: 2,
        baseTime: t + 30_000,
        status: (index) => (index === 1 ? 'down' : 'up'),
      }),
    };
    agent.send(first);
    agent.send(second);
    expect(await agent.next('ack')).toEqual({ type: 'ack', seq: 1, status: 'committed' });
    expect(await agent.next('ack')).toEqual({ type: 'ack', seq: 2, status: 'committed' });
    const stored = await storedResults(host.hostId);
    expect(stored.map((row) => `${row.check_name}:${row.status}`)).toEqual([
      'default:up',
      'default:up',
      'default:up',
      'api:up',
      'api:down',
    ]);
    for (const row of stored) expect(row.check_id).toBe(row.expected);
    await agent.close();

    // The ack of batch 2 was lost: the agent replays it after reconnecting, then sends batch 3,
    // an older agent's batch without the field.
    const again = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await again.hello();
    again.send(second);
    again.send(makeBatchFrame({ seq: 3, containers: 2, baseTime: t }));
    expect(await again.next('ack')).toEqual({ type: 'ack', seq: 2, status: 'duplicate' });
    expect(await again.next('ack')).toEqual({ type: 'ack', seq: 3, status: 'committed' });
    expect(await storedResults(host.hostId)).toHaveLength(5);
    await again.close();
  });

  it('keeps organisations apart: same container and check names, different checks, each visible to its org only', async () => {
    const hosts = [await seedOrg(harness.database.db), await seedOrg(harness.database.db)];
    for (const host of hosts) {
      const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
      await agent.hello();
      const t = baseTime();
      agent.send({
        ...makeBatchFrame({ seq: 1, containers: 1, baseTime: t }),
        checkResults: makeCheckResults({ containerName: 'web', count: 1, baseTime: t }),
      });
      expect((await agent.next('ack')).status).toBe('committed');
      await agent.close();
    }
    const [a, b] = await Promise.all(hosts.map((host) => storedResults(host.hostId)));
    expect(a?.[0]?.check_id).not.toBe(b?.[0]?.check_id);
    const visible = await runtimeQuery<{ host_id: string }>(
      harness.database.appUrl,
      hosts[0]?.orgId ?? '',
      `SELECT DISTINCT host_id::text FROM check_results WHERE host_id IN ('${hosts[0]?.hostId}', '${hosts[1]?.hostId}')`,
    );
    expect(visible).toEqual([{ host_id: hosts[0]?.hostId }]);
  });

  it('stores the batch but not results outside the accepted time window', async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    const t = baseTime();
    agent.send({
      ...makeBatchFrame({ seq: 1, containers: 1, baseTime: t }),
      checkResults: [
        ...makeCheckResults({ containerName: 'web', count: 1, baseTime: t }),
        ...makeCheckResults({ containerName: 'web', count: 1, baseTime: Date.parse('2020-01-01T00:00:00Z') }),
      ],
    });
    expect((await agent.next('ack')).status).toBe('committed');
    expect(await storedResults(host.hostId)).toHaveLength(1);
    await agent.close();
  });
});

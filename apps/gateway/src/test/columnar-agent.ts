import { seedOrg } from '@berth/db/testing';
import { CLOSE_CODES } from '@berth/protocol';
import { expect } from 'vitest';
import { countRows } from './db-counts.js';
import { FakeAgent } from './fake-agent.js';
import type { TestGateway } from './gateway-harness.js';

/** What an agent that speaks the columnar encoding lists in its hello. */
export const COLUMNAR = { encodings: ['columnar' as const, 'json' as const] };

/** A new organisation's host, connected and welcomed with the columnar encoding offered. */
export async function connectColumnarAgent(harness: TestGateway) {
  const host = await seedOrg(harness.database.db);
  const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
  await agent.hello(COLUMNAR);
  return { host, agent };
}

/** The gateway closed the connection as a bad frame naming `reason`, and wrote nothing for the host. */
export async function expectRefusedWithNothingStored(
  harness: TestGateway,
  agent: FakeAgent,
  hostId: string,
  reason: string | RegExp,
): Promise<void> {
  const closed = await agent.closed;
  expect(closed.code).toBe(CLOSE_CODES.badFrame);
  if (typeof reason === 'string') expect(closed.reason).toContain(reason);
  else expect(closed.reason).toMatch(reason);
  expect(await countRows(harness.database.adminUrl, hostId)).toMatchObject({
    container_samples: 0,
    host_samples: 0,
    container_logs: 0,
    last_seq: 0,
  });
}

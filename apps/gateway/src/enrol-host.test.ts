import { parseTrustProxy } from '@berth/config';
import { issueSecret, withOrg } from '@berth/db';
import { seedOrg } from '@berth/db/testing';
import { makeHelloFrame } from '@berth/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

let harness: TestGateway;
beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(() => harness?.stop());

async function enrolmentToken(
  orgId: string,
  data: { maxUses?: number; expiresAt?: Date } = {},
): Promise<string> {
  const token = issueSecret('enrol');
  await withOrg(harness.database.db, orgId, (tx) =>
    tx.enrollmentToken.create({
      data: {
        orgId,
        name: 'fleet',
        prefix: token.prefix,
        tokenHash: token.hash,
        labels: { env: 'prod' },
        maxUses: data.maxUses ?? null,
        expiresAt: data.expiresAt ?? new Date(Date.now() + 3_600_000),
      },
    }),
  );
  return token.secret;
}

const enrol = (token: unknown, host: unknown = makeHelloFrame().host) =>
  fetch(`${harness.httpUrl}/agent/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, host }),
  });

describe('POST /agent/v1/enrol', () => {
  it("trades a token for a working host credential in the token's organisation, with its labels", async () => {
    const org = await seedOrg(harness.database.db);
    const response = await enrol(await enrolmentToken(org.orgId));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { hostId: string; credential: string };
    expect(body.credential).toMatch(/^berth_host_/);
    const host = await withOrg(harness.database.db, org.orgId, (tx) =>
      tx.host.findUniqueOrThrow({ where: { id: body.hostId } }),
    );
    expect(host.labels).toEqual({ env: 'prod' });
    expect(host.credentialHash).not.toContain(body.credential);
    const agent = await FakeAgent.connect(harness.wsUrl, body.credential);
    expect((await agent.hello()).hostId).toBe(body.hostId);
    await agent.close();
  });

  it('refuses used-up, expired and unknown tokens with the reason, and creates no host', async () => {
    const org = await seedOrg(harness.database.db);
    const once = await enrolmentToken(org.orgId, { maxUses: 1 });
    expect((await enrol(once)).status).toBe(201);
    const used = await enrol(once);
    expect(used.status).toBe(410);
    expect(((await used.json()) as { error: { message: string } }).error.message).toMatch(
      /maximum number of times/,
    );
    const expired = await enrol(await enrolmentToken(org.orgId, { expiresAt: new Date(Date.now() - 1000) }));
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    expect((await enrol(issueSecret('enrol').secret)).status).toBe(401);
    const hosts = await withOrg(harness.database.db, org.orgId, (tx) => tx.host.count());
    expect(hosts).toBe(2); // the seeded host and the one successful enrolment
  });

  it('answers a malformed body with 400 naming the field', async () => {
    const response = await enrol('berth_enrol_short', { ...makeHelloFrame().host, cpus: 'many' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { issues: { field: string }[] } } };
    expect(body.error.details.issues.map((issue) => issue.field).sort()).toEqual(['host.cpus', 'token']);
  });
});

describe('health and metrics', () => {
  it('reports ready with the database reachable and exposes Prometheus metrics', async () => {
    expect(await (await fetch(`${harness.httpUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${harness.httpUrl}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${harness.httpUrl}/metrics`)).text();
    expect(metrics).toContain('berth_gateway_agents_connected');
    expect(metrics).toContain('berth_gateway_write_seconds_bucket');
  });

  it('limits enrolment per client address: a forged X-Forwarded-For changes nothing, a trusted proxy names the client', async () => {
    const attempt = (gateway: TestGateway, remoteAddress: string, forwardedFor: string) =>
      gateway.gateway.app.inject({
        method: 'POST',
        url: '/agent/v1/enrol',
        remoteAddress,
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { token: 'berth_enrol_unknown-token-0000000000000000', host: makeHelloFrame().host },
      });
    const forged: number[] = [];
    for (let i = 0; i < 31; i += 1)
      forged.push((await attempt(harness, '198.51.100.30', `203.0.113.${i}`)).statusCode);
    expect(forged.indexOf(429)).toBe(30);
    const proxied = await startTestGateway({
      database: harness.database,
      trustProxy: parseTrustProxy('10.0.0.1'),
    });
    try {
      const clients: number[] = [];
      for (let i = 0; i < 31; i += 1)
        clients.push((await attempt(proxied, '10.0.0.1', `6.6.6.6, 203.0.113.${i}`)).statusCode);
      expect(clients.filter((status) => status === 429)).toEqual([]);
      const one: number[] = [];
      for (let i = 0; i < 31; i += 1)
        one.push((await attempt(proxied, '10.0.0.1', `6.6.6.${i}, 203.0.113.200`)).statusCode);
      expect(one.indexOf(429)).toBe(30);
    } finally {
      await proxied.stop();
    }
  });
});

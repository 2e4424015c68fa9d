import { seedOrg } from '@berth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

// The agent socket is taken from the HTTP server's 'upgrade' event (routes/agent-socket.ts),
// not through a Fastify route: what a route gave for free is checked here, and that sessions
// keep no per-socket closures (what each of tens of thousands of sockets would pay for).

let harness: TestGateway;
beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(() => harness?.stop());

/** The HTTP status a WebSocket upgrade to `url` was refused with. */
function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      ws.terminate();
    });
    ws.once('open', () => reject(new Error(`${url} was upgraded`)));
    ws.once('error', () => undefined);
  });
}

describe('agent socket upgrade', () => {
  it('refuses upgrades to other paths with 404 and still serves plain HTTP', async () => {
    const elsewhere = harness.wsUrl.replace(/\/agent\/v1$/, '/agent/v2');
    expect(await refusedStatus(elsewhere)).toBe(404);
    expect((await fetch(`${harness.httpUrl}/healthz`)).status).toBe(200);
    // A plain GET of the socket's path is no route.
    expect((await fetch(`${harness.httpUrl}/agent/v1`)).status).toBe(404);
  });

  it('accepts a query string on the socket path', async () => {
    const org = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(`${harness.wsUrl}?v=1`, org.hostCredential);
    await agent.hello();
    await agent.close();
  });

  it('gives every session the same socket listeners (no closures per socket)', async () => {
    const [first, second] = await Promise.all([seedOrg(harness.database.db), seedOrg(harness.database.db)]);
    const agents = await Promise.all(
      [first, second].map((org) => FakeAgent.connect(harness.wsUrl, org.hostCredential)),
    );
    await Promise.all(agents.map((agent) => agent.hello()));
    const sockets = [first, second].map((org) => harness.gateway.ctx.sessions.get(org.hostId)?.socket);
    for (const event of ['message', 'close', 'error'] as const) {
      const [a, b] = sockets.map((socket) => socket?.listeners(event));
      expect(a).toHaveLength(1);
      expect(a).toEqual(b);
    }
    await Promise.all(agents.map((agent) => agent.close()));
  });
});

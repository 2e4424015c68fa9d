import { channels, type GatewayMessage, keys, publishLogStream } from '@berth/bus';
import { SseReader } from '@berth/http/testing';
import type { LiveLogEntry } from '@berth/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor, startTestApi, type TestApi } from '../api-harness.js';
import { orgWithContainer } from '../org-with-container.js';

// The API's half of live logs, against a stand-in gateway on the bus (the whole chain through a
// real gateway and agent is e2e/src/control/live-logs.test.ts).
let harness: TestApi;
let baseUrl: string;
beforeAll(async () => {
  harness = await startTestApi();
  baseUrl = await harness.api.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => harness?.stop());

const SHORT = '0123456789ab';

async function viewerOrg() {
  const org = await orgWithContainer(harness, SHORT);
  return { ...org, token: await apiTokenFor(harness.database, org.orgId, 'viewer') };
}

/** Plays the gateway holding `hostId`: records what the API asks of it. */
async function standInGateway(hostId: string, gatewayId: string) {
  await harness.api.ctx.bus.setKey(keys.presence(hostId), gatewayId, 60_000);
  const messages: GatewayMessage[] = [];
  const unsubscribe = await harness.api.ctx.bus.subscribe(
    channels.gatewayActions(gatewayId),
    (message) => void messages.push(message as GatewayMessage),
  );
  const follow = async () => {
    await expect.poll(() => messages.find((m) => m.kind === 'logs_follow')).toBeDefined();
    const found = messages.find((m) => m.kind === 'logs_follow');
    if (found?.kind !== 'logs_follow') throw new Error('no logs_follow');
    return found;
  };
  return { messages, follow, unsubscribe };
}

const line = (stream: 'stdout' | 'stderr', text: string): LiveLogEntry => ({
  ts: new Date().toISOString(),
  stream,
  line: text,
});

const logsUrl = (hostId: string, query: string) =>
  `${baseUrl}/api/v1/hosts/${hostId}/containers/${SHORT}/logs?${query}`;

describe('GET …/logs?follow=1', () => {
  it('relays the agent’s lines as SSE and tells the gateway to stop when the caller leaves', async () => {
    const org = await viewerOrg();
    const gateway = await standInGateway(org.hostId, 'gw-follow-1');
    const client = new SseReader();
    const status = await client.open(logsUrl(org.hostId, 'follow=1'), {
      authorization: `Bearer ${org.token}`,
    });
    expect(status).toBe(200);
    const { streamId, tail, containerId } = await gateway.follow();
    expect({ tail, containerId }).toEqual({ tail: 100, containerId: SHORT });
    const lines = [line('stdout', 'hello'), line('stderr', 'oops')];
    await publishLogStream(harness.api.ctx.bus, streamId, { lines, end: null });
    await expect.poll(() => client.events).toEqual([{ event: 'lines', id: undefined, data: { lines } }]);
    await client.close();
    await expect
      .poll(() => gateway.messages.filter((m) => m.kind === 'logs_stop'))
      .toEqual([{ kind: 'logs_stop', hostId: org.hostId, streamId }]);
    await gateway.unsubscribe();
  });

  it('passes tail on, keeps only the asked stream, and ends with the agent’s stream', async () => {
    const org = await viewerOrg();
    const gateway = await standInGateway(org.hostId, 'gw-follow-2');
    const client = new SseReader();
    await client.open(logsUrl(org.hostId, 'follow=1&tail=3&stream=stderr'), {
      authorization: `Bearer ${org.token}`,
    });
    const { streamId, tail } = await gateway.follow();
    expect(tail).toBe(3);
    const bus = harness.api.ctx.bus;
    await publishLogStream(bus, streamId, {
      lines: [line('stdout', 'quiet'), line('stderr', 'loud')],
      end: null,
    });
    await publishLogStream(bus, streamId, { lines: [line('stdout', 'x')], end: null });
    // A raw agent frame is not a log stream message: it is ignored, not relayed.
    await bus.publish(channels.logStream(streamId), {
      type: 'log_lines',
      streamId,
      lines: [line('stderr', 'raw frame')],
    });
    await publishLogStream(bus, streamId, { lines: [], end: { error: 'container stopped' } });
    await expect
      .poll(() => client.events.map((e) => [e.event, e.data]))
      .toEqual([
        ['lines', { lines: [expect.objectContaining({ stream: 'stderr', line: 'loud' })] }],
        ['end', { error: 'container stopped' }],
      ]);
    await expect.poll(() => gateway.messages.some((m) => m.kind === 'logs_stop')).toBe(true);
    await client.close();
    await gateway.unsubscribe();
  });

  it('answers 404 for another org’s container, 409 for an offline host, and asks no gateway for anything', async () => {
    const mine = await viewerOrg();
    const theirs = await viewerOrg();
    const gateway = await standInGateway(theirs.hostId, 'gw-follow-3');
    const get = (hostId: string, token: string) =>
      harness.api.app.inject({
        method: 'GET',
        url: `/api/v1/hosts/${hostId}/containers/${SHORT}/logs?follow=1`,
        headers: { authorization: `Bearer ${token}` },
      });
    const foreign = await get(theirs.hostId, mine.token);
    expect(foreign.statusCode).toBe(404);
    const offline = await get(mine.hostId, mine.token);
    expect(offline.statusCode).toBe(409);
    expect(offline.json()).toMatchObject({ error: { code: 'conflict' } });
    expect(gateway.messages).toEqual([]);
    await gateway.unsubscribe();
  });

  it('refuses filters that do not fit the mode with 400 naming the field', async () => {
    const org = await viewerOrg();
    const cases: [string, string][] = [
      ['follow=1&q=error', 'q'],
      ['follow=1&cursor=abc', 'cursor'],
      ['follow=1&from=2026-01-01T00:00:00Z', 'from'],
      ['tail=5', 'tail'],
      ['follow=1&tail=10001', 'tail'],
      ['follow=yes', 'follow'],
    ];
    for (const [query, field] of cases) {
      const response = await harness.api.app.inject({
        method: 'GET',
        url: `/api/v1/hosts/${org.hostId}/containers/${SHORT}/logs?${query}`,
        headers: { authorization: `Bearer ${org.token}` },
      });
      expect(response.statusCode, query).toBe(400);
      const issues = (response.json() as { error: { details: { issues: { field: string }[] } } }).error
        .details.issues;
      expect(
        issues.map((issue) => issue.field),
        query,
      ).toContain(field);
    }
  });

  it('is described in the OpenAPI document as both a JSON page and an event stream', async () => {
    const response = await harness.api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const document = response.json() as {
      paths: Record<string, { get: { parameters: { name: string }[]; responses: Record<string, unknown> } }>;
    };
    const logs = document.paths['/api/v1/hosts/{hostId}/containers/{containerId}/logs']?.get;
    expect(logs?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['follow', 'tail', 'stream']));
    const ok = logs?.responses['200'] as { content: object } | undefined;
    expect(Object.keys(ok?.content ?? {})).toEqual(['application/json', 'text/event-stream']);
    expect(Object.keys(document.paths).some((path) => path.endsWith('/logs/live'))).toBe(false);
  });
});

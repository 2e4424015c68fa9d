import { channels, keys } from '@berth/bus';
import { withOrg } from '@berth/db';
import { SseReader } from '@berth/http/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor, startTestApi, type TestApi } from './test/api-harness.js';
import { orgWithContainer } from './test/org-with-container.js';

let harness: TestApi;
let baseUrl: string;
beforeAll(async () => {
  harness = await startTestApi();
  baseUrl = await harness.api.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => harness?.stop());

const SHORT = 'abcdef012345';

const act = (token: string, hostId: string, body: unknown, containerId = SHORT) =>
  harness.api.app.inject({
    method: 'POST',
    url: `/api/v1/hosts/${hostId}/containers/${containerId}/actions`,
    headers: { authorization: `Bearer ${token}` },
    payload: body as object,
  });

const countActions = (orgId: string) => withOrg(harness.database.db, orgId, (tx) => tx.action.count());

describe('container actions API', () => {
  it('queues for operators (audited, gateway nudged) and refuses viewers with 403', async () => {
    const org = await orgWithContainer(harness, SHORT);
    await harness.api.ctx.bus.setKey(keys.presence(org.hostId), 'gw-1', 60_000);
    const nudges: unknown[] = [];
    const unsubscribe = await harness.api.ctx.bus.subscribe(
      channels.gatewayActions('gw-1'),
      (message) => void nudges.push(message),
    );
    const operator = await apiTokenFor(harness.database, org.orgId, 'operator');
    const response = await act(operator, org.hostId, { verb: 'restart', timeoutS: 5 });
    expect(response.statusCode).toBe(202);
    const action = response.json() as { id: string; status: string; deadline: string };
    expect(action.status).toBe('queued');
    expect(Date.parse(action.deadline) - Date.now()).toBeGreaterThan(60_000);
    await expect.poll(() => nudges).toEqual([{ kind: 'action', hostId: org.hostId, actionId: action.id }]);
    const audit = await withOrg(harness.database.db, org.orgId, (tx) =>
      tx.auditLog.findFirstOrThrow({ where: { action: 'action.restart' } }),
    );
    expect(audit).toMatchObject({ targetType: 'container', targetId: `${org.hostId}/${SHORT}` });
    const viewer = await apiTokenFor(harness.database, org.orgId, 'viewer');
    expect((await act(viewer, org.hostId, { verb: 'stop' })).statusCode).toBe(403);
    const fetched = await harness.api.app.inject({
      method: 'GET',
      url: `/api/v1/actions/${action.id}`,
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(fetched.json()).toMatchObject({ id: action.id, verb: 'restart', params: { timeoutS: 5 } });
    await unsubscribe();
  });

  it("answers another organisation's host, container or action with 404 and queues nothing", async () => {
    const mine = await orgWithContainer(harness, SHORT);
    const theirs = await orgWithContainer(harness, SHORT);
    const token = await apiTokenFor(harness.database, mine.orgId, 'owner');
    expect((await act(token, theirs.hostId, { verb: 'restart' })).statusCode).toBe(404);
    const theirToken = await apiTokenFor(harness.database, theirs.orgId, 'owner');
    const theirAction = (await act(theirToken, theirs.hostId, { verb: 'stop' })).json() as { id: string };
    const peek = await harness.api.app.inject({
      method: 'GET',
      url: `/api/v1/actions/${theirAction.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(peek.statusCode).toBe(404);
    expect(await countActions(mine.orgId)).toBe(0);
    expect(await countActions(theirs.orgId)).toBe(1);
  });

  it('refuses bad input (unknown verb, malformed body, huge params) with 400 naming the field, queuing nothing', async () => {
    const org = await orgWithContainer(harness, SHORT);
    const token = await apiTokenFor(harness.database, org.orgId, 'owner');
    const cases: [unknown, string][] = [
      [{ verb: 'explode' }, 'verb'],
      [{ verb: 'kill', signal: 'rm -rf /' }, 'signal'],
      [{ verb: 'start', timeoutS: 5 }, 'timeoutS'],
      [{ verb: 'restart', extra: 'x'.repeat(100_000) }, 'extra'],
      [{ verb: 'restart', deadlineS: 10 ** 9 }, 'deadlineS'],
      [{}, 'verb'],
      [[{ verb: 'restart' }], 'body'],
      ['{"verb":"restart"', 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await harness.api.app.inject({
        method: 'POST',
        url: `/api/v1/hosts/${org.hostId}/containers/${SHORT}/actions`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect(response.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      const issues = (response.json() as { error: { details: { issues: { field: string }[] } } }).error
        .details.issues;
      expect(issues.map((issue) => issue.field)).toContain(field);
    }
    expect((await act(token, org.hostId, { verb: 'restart' }, 'not-an-id')).statusCode).toBe(400);
    const hostAction = (body: object) =>
      harness.api.app.inject({
        method: 'POST',
        url: `/api/v1/hosts/${org.hostId}/actions`,
        headers: { authorization: `Bearer ${token}` },
        payload: body,
      });
    expect((await hostAction({ verb: 'restart' })).json()).toMatchObject({
      error: { details: { issues: [{ field: 'verb' }] } },
    });
    expect((await hostAction({ verb: 'ping', params: 'x'.repeat(500_000) })).json()).toMatchObject({
      error: { details: { issues: [{ field: 'params' }] } },
    });
    // Bigger than the body limit: refused before it is even parsed.
    expect((await hostAction({ verb: 'ping', params: 'x'.repeat(2_000_000) })).statusCode).toBe(413);
    expect(await countActions(org.orgId)).toBe(0);
  });
});

describe('live stream', () => {
  it("delivers the org's own events only, and resumes after Last-Event-ID", async () => {
    const a = await orgWithContainer(harness, SHORT);
    const b = await orgWithContainer(harness, SHORT);
    const tokenA = await apiTokenFor(harness.database, a.orgId, 'viewer');
    const tokenB = await apiTokenFor(harness.database, b.orgId, 'viewer');
    const streamA = new SseReader();
    const streamB = new SseReader();
    expect(await streamA.open(`${baseUrl}/api/v1/stream`, { authorization: `Bearer ${tokenA}` })).toBe(200);
    await streamB.open(`${baseUrl}/api/v1/stream`, { authorization: `Bearer ${tokenB}` });
    const operatorA = await apiTokenFor(harness.database, a.orgId, 'operator');
    const first = (await act(operatorA, a.hostId, { verb: 'restart' })).json() as { id: string };
    await expect
      .poll(() => streamA.events.map((e) => (e.data as { actionId?: string }).actionId))
      .toContain(first.id);
    const seenId = streamA.events.at(-1)?.id ?? '';
    await streamA.close();
    const second = (await act(operatorA, a.hostId, { verb: 'stop' })).json() as { id: string };
    const resumed = new SseReader();
    await resumed.open(`${baseUrl}/api/v1/stream`, {
      authorization: `Bearer ${tokenA}`,
      'last-event-id': seenId,
    });
    await expect
      .poll(() => resumed.events.map((e) => (e.data as { actionId?: string }).actionId))
      .toEqual([second.id]);
    expect(streamB.events).toEqual([]);
    await Promise.all([resumed.close(), streamB.close()]);
  });
});

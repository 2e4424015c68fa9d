import type { ExecServerMessage, ExecSessionGrant } from '@berth/api-contract';
import { channels, type GatewayMessage, keys, publishExecStream } from '@berth/bus';
import { ConfigError, parseEnv, ZApiEnvSchema } from '@berth/config';
import { type Role, withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { EXEC_DEFAULTS } from '../../services/exec/exec-rules.js';
import { apiSettingsFromEnv } from '../../settings-from-env.js';
import { apiTokenFor, CONSOLE_ORIGIN, sessionCookieFor, startTestApi, type TestApi } from '../api-harness.js';
import { orgWithContainer } from '../org-with-container.js';

// The API's half of exec terminals, against a stand-in gateway on the bus (the whole chain
// through a real gateway, agent and dockerd is e2e/src/exec/exec-terminal.test.ts).
let harness: TestApi;
let baseUrl: string;
beforeAll(async () => {
  harness = await startTestApi(undefined, { exec: { ...EXEC_DEFAULTS, idleTimeoutS: 2 } });
  baseUrl = await harness.api.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => harness?.stop());

const SHORT = '0123456789ab';

async function member(role: Role, options: { capabilities?: string[]; operatorsAllowed?: boolean } = {}) {
  const org = await orgWithContainer(harness, SHORT, role);
  await withOrg(harness.database.db, org.orgId, async (tx) => {
    await tx.host.update({
      where: { id: org.hostId },
      data: { capabilities: options.capabilities ?? ['actions', 'logs', 'live_logs', 'exec'] },
    });
    if (options.operatorsAllowed !== undefined)
      await tx.execSettings.create({
        data: { orgId: org.orgId, operatorsAllowed: options.operatorsAllowed },
      });
  });
  await harness.api.ctx.bus.setKey(keys.presence(org.hostId), `gw-${org.orgId.slice(0, 8)}`, 60_000);
  return { ...org, cookie: await sessionCookieFor(org.userId, org.orgId, { database: harness.database }) };
}

function grant(org: { hostId: string; cookie: string }, body: Record<string, unknown> = {}) {
  return harness.api.app.inject({
    method: 'POST',
    url: `/api/v1/hosts/${org.hostId}/containers/${SHORT}/exec-sessions`,
    headers: { cookie: org.cookie, origin: CONSOLE_ORIGIN },
    payload: body,
  });
}

/** Plays the gateway holding the host: records what the API asks of it. */
async function standInGateway(hostId: string) {
  const gatewayId = await harness.api.ctx.bus.getKey(keys.presence(hostId));
  if (!gatewayId) throw new Error('no presence');
  const messages: GatewayMessage[] = [];
  const unsubscribe = await harness.api.ctx.bus.subscribe(
    channels.gatewayActions(gatewayId),
    (message) => void messages.push(message as GatewayMessage),
  );
  const kinds = () => messages.map((m) => m.kind);
  return { messages, kinds, unsubscribe };
}

/** The browser's side of the terminal socket. */
function openTerminal(granted: ExecSessionGrant, origin = CONSOLE_ORIGIN, base = baseUrl) {
  const socket = new WebSocket(
    `${base.replace('http', 'ws')}${granted.socketPath}`,
    ['berth.exec.v1', `ticket.${granted.ticket}`],
    { origin },
  );
  const received: ExecServerMessage[] = [];
  socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as ExecServerMessage));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const failed = new Promise<number>((resolve) =>
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
  );
  const send = (message: unknown) => socket.send(JSON.stringify(message));
  return { socket, received, closed, failed, send };
}

describe('exec sessions: who may open a terminal', () => {
  it('refuses viewers, and operators unless the org allows them; admins may', async () => {
    const viewer = await member('viewer');
    expect((await grant(viewer)).statusCode).toBe(403);
    const operator = await member('operator');
    const refused = await grant(operator);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(
      /operators may open exec terminals only where an admin allowed it/,
    );
    const allowed = await member('operator', { operatorsAllowed: true });
    expect((await grant(allowed)).statusCode).toBe(201);
    const admin = await member('admin');
    expect((await grant(admin)).statusCode).toBe(201);
  });

  it('refuses with the reason when the host’s agent was not started with --allow-exec or is read-only', async () => {
    const off = await member('owner', { capabilities: ['actions', 'logs'] });
    const refused = await grant(off);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      'exec is disabled on this host: start the agent with --allow-exec',
    );
    const readOnly = await member('owner', { capabilities: ['logs', 'read_only'] });
    expect((await grant(readOnly)).json().error.message).toBe(
      'exec is disabled on this host: the agent runs in read-only mode',
    );
  });

  it('refuses API tokens, even an admin’s, and names a bad field', async () => {
    const owner = await member('owner');
    const token = await apiTokenFor(harness.database, owner.orgId, 'admin');
    const byToken = await harness.api.app.inject({
      method: 'POST',
      url: `/api/v1/hosts/${owner.hostId}/containers/${SHORT}/exec-sessions`,
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
    expect(byToken.statusCode).toBe(403);
    const bad = await grant(owner, { cmd: ['/bin/sh', ''] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('cmd');
  });

  it('lets only the admins change the org’s exec settings, and audits it', async () => {
    const operator = await member('operator');
    const patch = (org: { cookie: string }) =>
      harness.api.app.inject({
        method: 'PATCH',
        url: '/api/v1/exec-settings',
        headers: { cookie: org.cookie, origin: CONSOLE_ORIGIN },
        payload: { operatorsAllowed: true },
      });
    expect((await patch(operator)).statusCode).toBe(403);
    const admin = await member('admin');
    expect((await patch(admin)).json()).toEqual({
      operatorsAllowed: true,
      recordTranscripts: false,
      idleTimeoutS: null,
      maxDurationS: null,
      serverLimits: { idleTimeoutS: 2, maxDurationS: 3600 },
    });
    const audit = await withOrg(harness.database.db, admin.orgId, (tx) =>
      tx.auditLog.findMany({ where: { action: 'exec.settings' } }),
    );
    expect(audit).toHaveLength(1);
  });
});

describe('exec sessions: the org’s limits', () => {
  it('lets an admin shorten the server’s maximum duration but not lengthen it, naming the field', async () => {
    const admin = await member('admin');
    const patch = (payload: Record<string, unknown>) =>
      harness.api.app.inject({
        method: 'PATCH',
        url: '/api/v1/exec-settings',
        headers: { cookie: admin.cookie, origin: CONSOLE_ORIGIN },
        payload,
      });
    const longer = await patch({ maxDurationS: 7200 });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().error.message).toMatch(/^maxDurationS: at most 3600 s on this server/);
    const unknown = await patch({ maxDuration: 600 });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json())).toContain('maxDuration');
    expect((await patch({ maxDurationS: 600 })).json()).toMatchObject({ maxDurationS: 600 });
    const granted = (await grant(admin)).json() as ExecSessionGrant;
    expect(granted).toMatchObject({ maxDurationS: 600, idleTimeoutS: 2 });
    const read = await harness.api.app.inject({
      method: 'GET',
      url: '/api/v1/exec-settings',
      headers: { cookie: admin.cookie },
    });
    expect(read.json()).toMatchObject({ maxDurationS: 600, idleTimeoutS: null });
  });
});

describe('exec sessions that nobody finishes', () => {
  const list = async (org: { cookie: string }) =>
    (
      await harness.api.app.inject({
        method: 'GET',
        url: '/api/v1/exec-sessions',
        headers: { cookie: org.cookie },
      })
    ).json().items as { id: string; status: string; endReason: string | null; bytesOut: number }[];

  it('ends a granted session whose socket never opened once its ticket expired, and refuses the ticket then', async () => {
    const owner = await member('owner');
    const gateway = await standInGateway(owner.hostId);
    const granted = (await grant(owner)).json() as ExecSessionGrant;
    expect((await list(owner))[0]).toMatchObject({ id: granted.session.id, status: 'pending' });
    // As if granted a minute ago (the ticket lives 30 s): the list sweeps it, in SQL.
    await withOrg(harness.database.db, owner.orgId, (tx) =>
      tx.execSession.update({
        where: { id: granted.session.id },
        data: { createdAt: new Date(Date.now() - 60_000) },
      }),
    );
    expect((await list(owner))[0]).toMatchObject({
      id: granted.session.id,
      status: 'ended',
      endReason: 'ticket_expired',
    });
    // The ticket is still in the bus (its clock is the bus's); the session claim refuses it.
    const late = openTerminal(granted);
    expect(await late.failed).toBe(401);
    expect(gateway.kinds()).not.toContain('exec_open');
    const audit = await withOrg(harness.database.db, owner.orgId, (tx) =>
      tx.auditLog.findMany({ where: { action: 'exec.close' } }),
    );
    expect(audit.map((row) => row.details)).toEqual([
      expect.objectContaining({ sessionId: granted.session.id, reason: 'ticket_expired' }),
    ]);
    await gateway.unsubscribe();
  });

  it('ends an open session whose API died as api_restart, keeping the transcript chunks it wrote', async () => {
    const owner = await member('owner');
    await withOrg(harness.database.db, owner.orgId, (tx) =>
      tx.execSettings.create({ data: { orgId: owner.orgId, recordTranscripts: true } }),
    );
    const granted = (await grant(owner)).json() as ExecSessionGrant;
    const sessionId = granted.session.id;
    // What a relaying API leaves when it is killed: the session open, its last heartbeat
    // (bytes so far), and the chunks flushed until then.
    await withOrg(harness.database.db, owner.orgId, async (tx) => {
      await tx.execSession.update({
        where: { id: sessionId },
        data: {
          status: 'open',
          startedAt: new Date(Date.now() - 120_000),
          heartbeatAt: new Date(Date.now() - 60_000),
          bytesOut: 12n,
        },
      });
      for (const [seq, text] of [
        [1, 'first '],
        [2, 'second'],
      ] as const)
        await tx.execTranscriptChunk.create({
          data: { orgId: owner.orgId, sessionId, seq, data: new Uint8Array(Buffer.from(text)) },
        });
    });
    const swept = await list(owner);
    expect(swept[0]).toMatchObject({
      id: sessionId,
      status: 'ended',
      endReason: 'api_restart',
      bytesOut: 12,
    });
    const transcript = await harness.api.app.inject({
      method: 'GET',
      url: `/api/v1/exec-sessions/${sessionId}/transcript`,
      headers: { cookie: owner.cookie },
    });
    expect(transcript.statusCode).toBe(200);
    expect(transcript.rawPayload.toString()).toBe('first second');
  });

  it('leaves a session alone while its API keeps the heartbeat fresh', async () => {
    const owner = await member('owner');
    const granted = (await grant(owner)).json() as ExecSessionGrant;
    await withOrg(harness.database.db, owner.orgId, (tx) =>
      tx.execSession.update({
        where: { id: granted.session.id },
        data: { status: 'open', heartbeatAt: new Date(), createdAt: new Date(Date.now() - 600_000) },
      }),
    );
    expect((await list(owner))[0]).toMatchObject({ id: granted.session.id, status: 'open' });
  });
});

describe('exec server settings from the environment (EXEC_*)', () => {
  const base = { DATABASE_URL: 'postgres://berth@127.0.0.1/berth', AUTH_SECRET: 'x'.repeat(32) };

  it('refuses a bad value, naming the variable and what it got', () => {
    const issuesOf = (env: Record<string, string>) => {
      try {
        parseEnv(ZApiEnvSchema, { ...base, ...env });
      } catch (error) {
        if (error instanceof ConfigError) return error.issues;
        throw error;
      }
      return [];
    };
    expect(issuesOf({ EXEC_ORPHAN_AFTER_S: '5' })).toEqual([
      'EXEC_ORPHAN_AFTER_S: Too small: expected number to be >=15 (got "5")',
    ]);
    expect(issuesOf({ EXEC_TICKET_TTL_S: 'soon' })[0]).toMatch(/^EXEC_TICKET_TTL_S: .*\(got "soon"\)$/);
    expect(issuesOf({ EXEC_TRANSCRIPT_MAX_BYTES: '1.5' })[0]).toMatch(/^EXEC_TRANSCRIPT_MAX_BYTES: /);
    expect(issuesOf({})).toEqual([]);
  });

  it('honours the orphan threshold, the ticket lifetime and the transcript cap it was given', async () => {
    const env = parseEnv(ZApiEnvSchema, {
      ...base,
      BERTH_PUBLIC_URL: 'http://berth.test',
      EXEC_ORPHAN_AFTER_S: '300',
      EXEC_TICKET_TTL_S: '120',
      EXEC_TRANSCRIPT_MAX_BYTES: String(64 * 1024),
    });
    const { exec } = apiSettingsFromEnv(env, { authSecret: base.AUTH_SECRET });
    expect(exec).toEqual({
      ...EXEC_DEFAULTS,
      orphanAfterS: 300,
      ticketTtlS: 120,
      transcriptMaxBytes: 65_536,
    });
    // Its own database: the suite's API sweeps with the defaults on its timer.
    const tuned = await startTestApi(undefined, { exec });
    try {
      const tunedUrl = await tuned.api.app.listen({ host: '127.0.0.1', port: 0 });
      const org = await orgWithContainer(tuned, SHORT, 'owner');
      await withOrg(tuned.database.db, org.orgId, async (tx) => {
        await tx.host.update({ where: { id: org.hostId }, data: { capabilities: ['exec'] } });
        await tx.execSettings.create({ data: { orgId: org.orgId, recordTranscripts: true } });
      });
      await tuned.api.ctx.bus.setKey(keys.presence(org.hostId), 'gw-tuned', 60_000);
      const cookie = await sessionCookieFor(org.userId, org.orgId, { database: tuned.database });
      const grantOne = async () =>
        (
          await tuned.api.app.inject({
            method: 'POST',
            url: `/api/v1/hosts/${org.hostId}/containers/${SHORT}/exec-sessions`,
            headers: { cookie, origin: CONSOLE_ORIGIN },
            payload: {},
          })
        ).json() as ExecSessionGrant;
      const listed = async () =>
        (
          await tuned.api.app.inject({ method: 'GET', url: '/api/v1/exec-sessions', headers: { cookie } })
        ).json().items as { id: string; status: string; transcriptTruncated: boolean }[];

      // Granted a minute ago, heartbeat a minute old: both past the defaults (30 s, 45 s), not these.
      const pending = await grantOne();
      expect(pending.ticketTtlS).toBe(120);
      const orphan = await grantOne();
      await withOrg(tuned.database.db, org.orgId, async (tx) => {
        await tx.execSession.update({
          where: { id: pending.session.id },
          data: { createdAt: new Date(Date.now() - 60_000) },
        });
        await tx.execSession.update({
          where: { id: orphan.session.id },
          data: { status: 'open', heartbeatAt: new Date(Date.now() - 60_000) },
        });
      });
      const statusOf = async (id: string) => (await listed()).find((item) => item.id === id)?.status;
      expect(await statusOf(pending.session.id)).toBe('pending');
      expect(await statusOf(orphan.session.id)).toBe('open');
      // Past the configured threshold the sweep ends it.
      await withOrg(tuned.database.db, org.orgId, (tx) =>
        tx.execSession.update({
          where: { id: orphan.session.id },
          data: { heartbeatAt: new Date(Date.now() - 301_000) },
        }),
      );
      expect(await statusOf(orphan.session.id)).toBe('ended');

      // The transcript keeps 64 KiB of the 96 KiB sent, and says it was cut.
      const told: GatewayMessage[] = [];
      await tuned.api.ctx.bus.subscribe(channels.gatewayActions('gw-tuned'), (message) => {
        told.push(message as GatewayMessage);
      });
      const recorded = await grantOne();
      const browser = openTerminal(recorded, CONSOLE_ORIGIN, tunedUrl);
      await expect.poll(() => told.map((m) => m.kind)).toContain('exec_open');
      const sessionId = recorded.session.id;
      await publishExecStream(tuned.api.ctx.bus, sessionId, { kind: 'opened', window: 256 * 1024 });
      for (const [seq, fill] of [
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ] as const)
        await publishExecStream(tuned.api.ctx.bus, sessionId, {
          kind: 'output',
          seq,
          data: Buffer.alloc(32 * 1024, fill).toString('base64'),
        });
      await expect.poll(() => browser.received.filter((m) => m.type === 'output').length).toBe(3);
      await publishExecStream(tuned.api.ctx.bus, sessionId, { kind: 'closed', reason: 'done', exitCode: 0 });
      await browser.closed;
      await expect
        .poll(async () => (await listed()).find((item) => item.id === sessionId))
        .toMatchObject({ status: 'ended', transcriptTruncated: true });
      const transcript = await tuned.api.app.inject({
        method: 'GET',
        url: `/api/v1/exec-sessions/${sessionId}/transcript`,
        headers: { cookie },
      });
      expect(transcript.rawPayload).toEqual(
        Buffer.concat([Buffer.alloc(32 * 1024, 'a'), Buffer.alloc(32 * 1024, 'b')]),
      );
    } finally {
      await tuned.stop();
    }
  });
});

describe('exec sessions when the API shuts down', () => {
  it('ends each open terminal, tells the agent and the browser, and records it before closing', async () => {
    const owner = await member('owner');
    // A second API over the same database, shut down while a terminal is open on it.
    const second = await startTestApi(harness.database, { exec: { ...EXEC_DEFAULTS, idleTimeoutS: 60 } });
    const secondUrl = await second.api.app.listen({ host: '127.0.0.1', port: 0 });
    const gatewayId = 'gw-shutdown';
    await second.api.ctx.bus.setKey(keys.presence(owner.hostId), gatewayId, 60_000);
    const told: GatewayMessage[] = [];
    await second.api.ctx.bus.subscribe(channels.gatewayActions(gatewayId), (message) => {
      told.push(message as GatewayMessage);
    });
    const granted = (
      await second.api.app.inject({
        method: 'POST',
        url: `/api/v1/hosts/${owner.hostId}/containers/${SHORT}/exec-sessions`,
        headers: { cookie: owner.cookie, origin: CONSOLE_ORIGIN },
        payload: {},
      })
    ).json() as ExecSessionGrant;
    const browser = openTerminal(granted, CONSOLE_ORIGIN, secondUrl);
    await expect.poll(() => told.map((m) => m.kind)).toContain('exec_open');
    await publishExecStream(second.api.ctx.bus, granted.session.id, { kind: 'opened', window: 1024 });
    await expect.poll(() => browser.received.map((m) => m.type)).toContain('opened');
    await second.stop();
    await browser.closed;
    expect(browser.received.at(-1)).toEqual({
      type: 'closed',
      reason: 'the API is restarting',
      exitCode: null,
    });
    await expect
      .poll(() => told.at(-1))
      .toMatchObject({ kind: 'exec_close', reason: 'the API is restarting' });
    // Recorded before stop() returned: no sweep needed.
    const row = await withOrg(harness.database.db, owner.orgId, (tx) =>
      tx.execSession.findUniqueOrThrow({ where: { id: granted.session.id } }),
    );
    expect(row).toMatchObject({ status: 'ended', endReason: 'the API is restarting' });
  });
});

describe('exec sessions: the terminal socket', () => {
  it('relays input, output and acks, ends with the exit code, and audits and records the session', async () => {
    const owner = await member('owner');
    await withOrg(harness.database.db, owner.orgId, (tx) =>
      tx.execSettings.create({ data: { orgId: owner.orgId, recordTranscripts: true } }),
    );
    const gateway = await standInGateway(owner.hostId);
    const granted = (
      await grant(owner, { cmd: ['/bin/sh'], cols: 100, rows: 30 })
    ).json() as ExecSessionGrant;
    const browser = openTerminal(granted);
    await expect.poll(() => gateway.kinds()).toContain('exec_open');
    const sessionId = granted.session.id;
    expect(gateway.messages[0]).toMatchObject({
      kind: 'exec_open',
      containerId: SHORT,
      cmd: ['/bin/sh'],
      cols: 100,
      rows: 30,
    });
    await publishExecStream(harness.api.ctx.bus, sessionId, { kind: 'opened', window: 256 * 1024 });
    await expect.poll(() => browser.received.map((m) => m.type)).toContain('opened');
    browser.send({ type: 'input', data: 'echo berth-$((1+1))\r' });
    browser.send({ type: 'resize', cols: 120, rows: 40 });
    await expect.poll(() => gateway.kinds()).toEqual(['exec_open', 'exec_input', 'exec_resize']);
    expect(gateway.messages[1]).toMatchObject({
      seq: 1,
      data: Buffer.from('echo berth-$((1+1))\r').toString('base64'),
    });
    const output = Buffer.from('berth-2\r\n');
    await publishExecStream(harness.api.ctx.bus, sessionId, {
      kind: 'output',
      seq: 1,
      data: output.toString('base64'),
    });
    await expect
      .poll(() => browser.received.find((m) => m.type === 'output'))
      .toEqual({ type: 'output', data: output.toString('base64') });
    // Written as the session runs, not at its end: an API crash now would keep this output.
    await expect
      .poll(() =>
        withOrg(harness.database.db, owner.orgId, async (tx) => {
          const chunks = await tx.execTranscriptChunk.findMany({ where: { sessionId } });
          const session = await tx.execSession.findUniqueOrThrow({ where: { id: sessionId } });
          return {
            bytes: Buffer.concat(chunks.map((chunk) => Buffer.from(chunk.data))).toString(),
            status: session.status,
            bytesOut: Number(session.bytesOut),
          };
        }),
      )
      .toEqual({ bytes: output.toString(), status: 'open', bytesOut: output.length });
    // An ack past what was sent is capped at what was sent.
    browser.send({ type: 'ack', consumed: 10_000 });
    await expect
      .poll(() => gateway.messages.find((m) => m.kind === 'exec_ack'))
      .toMatchObject({ consumed: output.length });
    await publishExecStream(harness.api.ctx.bus, sessionId, {
      kind: 'closed',
      reason: 'the process exited',
      exitCode: 0,
    });
    await browser.closed;
    expect(browser.received.at(-1)).toEqual({ type: 'closed', reason: 'the process exited', exitCode: 0 });

    await expect
      .poll(async () => {
        const list = await harness.api.app.inject({
          method: 'GET',
          url: '/api/v1/exec-sessions',
          headers: { cookie: owner.cookie },
        });
        return list.json().items[0];
      })
      .toMatchObject({
        id: sessionId,
        status: 'ended',
        exitCode: 0,
        command: ['/bin/sh'],
        bytesIn: 'echo berth-$((1+1))\r'.length,
        bytesOut: output.length,
        recorded: true,
        endReason: 'the process exited',
      });
    const transcript = await harness.api.app.inject({
      method: 'GET',
      url: `/api/v1/exec-sessions/${sessionId}/transcript`,
      headers: { cookie: owner.cookie },
    });
    expect(transcript.statusCode).toBe(200);
    expect(transcript.rawPayload).toEqual(output);
    const audit = await withOrg(harness.database.db, owner.orgId, (tx) =>
      tx.auditLog.findMany({ where: { action: { startsWith: 'exec.' } }, orderBy: { id: 'asc' } }),
    );
    expect(audit.map((row) => [row.action, row.actorUserId, row.targetId])).toEqual([
      ['exec.open', owner.userId, `${owner.hostId}/${SHORT}`],
      ['exec.close', owner.userId, `${owner.hostId}/${SHORT}`],
    ]);
    expect(audit[1]?.details).toMatchObject({ sessionId, exitCode: 0, bytesOut: output.length });
    await gateway.unsubscribe();
  });

  it('closes after the idle timeout without input and tells the agent', async () => {
    const owner = await member('owner');
    const gateway = await standInGateway(owner.hostId);
    const granted = (await grant(owner)).json() as ExecSessionGrant;
    const browser = openTerminal(granted);
    await expect.poll(() => gateway.kinds()).toContain('exec_open');
    await publishExecStream(harness.api.ctx.bus, granted.session.id, { kind: 'opened', window: 1024 });
    await browser.closed;
    expect(browser.received.at(-1)).toEqual({
      type: 'closed',
      reason: 'closed after 2 s without input',
      exitCode: null,
    });
    await expect
      .poll(() => gateway.messages.at(-1))
      .toMatchObject({ kind: 'exec_close', reason: 'closed after 2 s without input' });
    await gateway.unsubscribe();
  });

  it('passes the agent’s refusal on, and ends when the browser leaves', async () => {
    const owner = await member('owner');
    const gateway = await standInGateway(owner.hostId);
    const refused = (await grant(owner)).json() as ExecSessionGrant;
    const browser = openTerminal(refused);
    await expect.poll(() => gateway.kinds()).toContain('exec_open');
    const reason = 'exec is disabled on this host: start the agent with --allow-exec';
    await publishExecStream(harness.api.ctx.bus, refused.session.id, { kind: 'error', reason });
    await browser.closed;
    expect(browser.received).toContainEqual({ type: 'error', reason });

    const second = (await grant(owner)).json() as ExecSessionGrant;
    const leaving = openTerminal(second);
    await expect.poll(() => gateway.messages.filter((m) => m.kind === 'exec_open')).toHaveLength(2);
    leaving.socket.close();
    await expect
      .poll(() => gateway.messages.find((m) => m.kind === 'exec_close' && m.sessionId === second.session.id))
      .toMatchObject({ reason: 'the browser closed the terminal' });
    await gateway.unsubscribe();
  });

  it('refuses a used ticket, a ticket for another session and a foreign Origin', async () => {
    const owner = await member('owner');
    const gateway = await standInGateway(owner.hostId);
    const granted = (await grant(owner)).json() as ExecSessionGrant;
    const foreign = openTerminal(granted, 'http://evil.test');
    expect(await foreign.failed).toBe(403);
    const first = openTerminal(granted);
    await expect.poll(() => gateway.kinds()).toContain('exec_open');
    const replay = openTerminal(granted);
    expect(await replay.failed).toBe(401);
    const other = (await grant(owner)).json() as ExecSessionGrant;
    const swapped = openTerminal({ ...other, socketPath: granted.socketPath });
    expect(await swapped.failed).toBe(401);
    first.socket.close();
    await gateway.unsubscribe();
  });
});

import { randomUUID } from 'node:crypto';
import { channels, type ExecStreamMessage } from '@berth/bus';
import { seedOrg } from '@berth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAgent } from '../test/fake-agent.js';
import { startTestGateway, type TestGateway } from '../test/gateway-harness.js';

// The gateway's half of exec terminals: the API's bus messages in, the agent's frames out and back.
let harness: TestGateway;
beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(() => harness?.stop());

const CONTAINER = '0123456789ab';

/** An agent of a fresh host, welcomed with `capabilities`; and the API's side of one session. */
async function session(capabilities: string[]) {
  const org = await seedOrg(harness.database.db);
  const agent = await FakeAgent.connect(harness.wsUrl, org.hostCredential);
  await agent.hello({ capabilities: capabilities as never });
  const sessionId = randomUUID();
  const heard: ExecStreamMessage[] = [];
  const bus = harness.gateway.ctx.bus;
  const unsubscribe = await bus.subscribe(
    channels.execStream(sessionId),
    (m) => void heard.push(m as ExecStreamMessage),
  );
  const toGateway = (message: Record<string, unknown>) =>
    bus.publish(channels.gatewayActions(harness.gateway.ctx.gatewayId), {
      hostId: org.hostId,
      sessionId,
      ...message,
    });
  const open = () =>
    toGateway({ kind: 'exec_open', containerId: CONTAINER, cmd: ['/bin/sh'], tty: true, cols: 80, rows: 24 });
  return { agent, sessionId, heard, toGateway, open, unsubscribe };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('exec relay', () => {
  it('relays open, stdin, output, acks and the close between the bus and the agent', async () => {
    const s = await session(['actions', 'exec']);
    await s.open();
    expect(await s.agent.next('exec_open')).toMatchObject({
      sessionId: s.sessionId,
      containerId: CONTAINER,
      cmd: ['/bin/sh'],
    });
    s.agent.send({ type: 'exec_opened', sessionId: s.sessionId, window: 16 });
    await expect.poll(() => s.heard).toEqual([{ kind: 'opened', window: 16 }]);
    await s.toGateway({ kind: 'exec_input', seq: 1, data: b64('ls\r') });
    expect(await s.agent.next('exec_stdin')).toMatchObject({ seq: 1, data: b64('ls\r') });
    s.agent.send({ type: 'exec_stdout', sessionId: s.sessionId, seq: 1, data: b64('bin  etc\r\n') });
    await expect.poll(() => s.heard.at(-1)).toEqual({ kind: 'output', seq: 1, data: b64('bin  etc\r\n') });
    // An ack beyond what the agent sent is not passed on; a valid one is.
    await s.toGateway({ kind: 'exec_ack', consumed: 99 });
    await s.toGateway({ kind: 'exec_ack', consumed: 10 });
    expect(await s.agent.next('exec_ack')).toMatchObject({ consumed: 10 });
    s.agent.send({ type: 'exec_close', sessionId: s.sessionId, reason: 'the process exited', exitCode: 0 });
    await expect
      .poll(() => s.heard.at(-1))
      .toEqual({ kind: 'closed', reason: 'the process exited', exitCode: 0 });
    await s.unsubscribe();
    await s.agent.close();
  });

  it('answers for an agent without the exec capability, with the reason, and sends it nothing', async () => {
    const s = await session(['actions', 'logs']);
    await s.open();
    await expect
      .poll(() => s.heard)
      .toEqual([
        { kind: 'error', reason: 'exec is disabled on this host: start the agent with --allow-exec' },
      ]);
    const readOnly = await session(['read_only']);
    await readOnly.open();
    await expect
      .poll(() => readOnly.heard)
      .toEqual([
        { kind: 'error', reason: 'exec is disabled on this host: the agent runs in read-only mode' },
      ]);
    await s.agent.roundTrip();
    expect(s.agent.queued('exec_open')).toEqual([]);
  });

  it('ends a session whose agent sends more than its window ahead of the acks', async () => {
    const s = await session(['exec']);
    await s.open();
    await s.agent.next('exec_open');
    s.agent.send({ type: 'exec_opened', sessionId: s.sessionId, window: 8 });
    s.agent.send({ type: 'exec_stdout', sessionId: s.sessionId, seq: 1, data: b64('12345678') });
    s.agent.send({ type: 'exec_stdout', sessionId: s.sessionId, seq: 2, data: b64('9') });
    const close = await s.agent.next('exec_close');
    expect(close.reason).toBe('the agent sent more output than its window allows');
    await expect
      .poll(() => s.heard.at(-1))
      .toEqual({
        kind: 'closed',
        reason: 'the agent sent more output than its window allows',
        exitCode: null,
      });
    expect(s.heard.filter((m) => m.kind === 'output')).toHaveLength(1);
  });

  it('tells the API when the agent’s socket goes away', async () => {
    const s = await session(['exec']);
    await s.open();
    await s.agent.next('exec_open');
    await s.agent.close();
    await expect
      .poll(() => s.heard.at(-1))
      .toEqual({ kind: 'closed', reason: 'the host disconnected from Berth', exitCode: null });
  });
});

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type ActionFrame, CLOSE_CODES } from '@berth/protocol';
import { makeActionFrame, makeWelcomeFrame, TEST_ACTION_ID } from '@berth/protocol/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../cli/logger.js';
import { createHarness, type Harness, TEST_CREDENTIAL } from './test/connection-harness.js';
import { FakeGateway } from './test/fake-gateway.js';

let harness: Harness;
let gateway: FakeGateway;

beforeEach(async () => {
  harness = await createHarness();
});
afterEach(async () => {
  await harness.cleanup();
  await gateway?.close();
});

describe('agent connection: handshake and streaming', () => {
  it('sends hello with the credential and last acked seq, then streams after welcome', async () => {
    gateway = await FakeGateway.start();
    await harness.spoolBatches(2);
    await harness.spool.ack(1);
    const lines: string[] = [];
    const log = createLogger('info', (line) => void lines.push(line));
    harness.connect(gateway.url, { log });
    const socket = await gateway.socket(0);
    const hello = await socket.waitFor((frame) => frame.type === 'hello');
    expect(socket.authorization).toBe(`Bearer ${TEST_CREDENTIAL}`);
    expect(hello).toMatchObject({ type: 'hello', protocol: 1, lastAckedSeq: 1, capabilities: ['actions'] });
    await harness.states.reach('streaming');
    expect(harness.states.changes.map((change) => change.to)).toEqual([
      'connecting',
      'handshaking',
      'streaming',
    ]);
    await socket.waitForBatch(2);
    const transitions = lines.map((line) => JSON.parse(line)).filter((entry) => entry.from && entry.to);
    expect(transitions.map((entry) => `${entry.from}>${entry.to}`)).toEqual([
      'idle>connecting',
      'connecting>handshaking',
      'handshaking>streaming',
    ]);
  });

  it('deletes batches from the spool only when acked, and ignores a duplicate ack', async () => {
    gateway = await FakeGateway.start({ autoAck: false });
    await harness.spoolBatches(3);
    harness.connect(gateway.url);
    const socket = await gateway.socket(0);
    await socket.waitForBatch(3);
    expect(harness.spool.pending().map((batch) => batch.seq)).toEqual([1, 2, 3]);
    socket.send({ type: 'ack', seq: 1, status: 'committed' });
    socket.send({ type: 'ack', seq: 1, status: 'duplicate' });
    socket.send({ type: 'ack', seq: 2, status: 'committed' });
    await until(() => harness.spool.pending().length === 1);
    expect(harness.spool.pending().map((batch) => batch.seq)).toEqual([3]);
    expect(harness.spool.lastAckedSeq).toBe(2);
    expect(harness.connection().state).toBe('streaming');
  });

  it('keeps at most welcome.limits.maxUnackedBatches in flight', async () => {
    gateway = await FakeGateway.start({
      autoAck: false,
      welcome: {
        limits: {
          maxFrameBytes: 4_194_304,
          maxItemsPerBatch: 20_000,
          maxFramesPerSecond: 50,
          maxUnackedBatches: 3,
        },
      },
    });
    await harness.spoolBatches(6);
    harness.connect(gateway.url);
    const socket = await gateway.socket(0);
    await socket.waitForBatch(3);
    // A ping round trip proves the agent had every chance to send a 4th batch and did not.
    socket.send({ type: 'ping', ts: 42 });
    await socket.waitFor((frame) => frame.type === 'pong');
    expect(socket.batches().map((batch) => batch.seq)).toEqual([1, 2, 3]);
    socket.send({ type: 'ack', seq: 2, status: 'committed' });
    await socket.waitForBatch(5);
    socket.send({ type: 'ping', ts: 43 });
    await socket.waitFor((frame) => frame.type === 'pong' && frame.ts === 43);
    expect(socket.batches().map((batch) => batch.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('paces a replay below welcome.limits.maxFramesPerSecond', async () => {
    gateway = await FakeGateway.start({
      welcome: {
        limits: {
          maxFrameBytes: 4_194_304,
          maxItemsPerBatch: 20_000,
          maxFramesPerSecond: 5,
          maxUnackedBatches: 16,
        },
      },
    });
    const arrivals: number[] = [];
    gateway.onBatch = () => arrivals.push(performance.now());
    await harness.spoolBatches(6);
    const started = performance.now();
    harness.connect(gateway.url);
    const socket = await gateway.socket(0);
    await socket.waitForBatch(6);
    // 80% of 5 frames/s = 4 batches per rolling second; the 5th cannot leave before the first
    // left + 1 s, and the first cannot leave before the connection started (arrival times at
    // the receiver can bunch up under load, so they are only compared with the start).
    expect(arrivals).toHaveLength(6);
    expect((arrivals[4] ?? 0) - started).toBeGreaterThanOrEqual(1000);
  });

  it('sends a batch spooled while streaming as soon as the batcher reports it', async () => {
    gateway = await FakeGateway.start();
    const connection = harness.connect(gateway.url);
    await harness.states.reach('streaming');
    const [seq] = await harness.spoolBatches(1);
    connection.batchSpooled();
    const socket = await gateway.socket(0);
    await socket.waitForBatch(seq ?? 0);
    await until(() => harness.spool.pending().length === 0);
  });

  it('replays unacked batches in order on the next connection', async () => {
    gateway = await FakeGateway.start({ autoAck: false });
    await harness.spoolBatches(5);
    harness.connect(gateway.url);
    const first = await gateway.socket(0);
    await first.waitForBatch(5);
    first.send({ type: 'ack', seq: 2, status: 'committed' });
    await until(() => harness.spool.lastAckedSeq === 2);
    first.close(CLOSE_CODES.gatewayRestarting, 'redeploy');
    const second = await gateway.socket(1);
    expect((await second.waitFor((frame) => frame.type === 'hello')).type).toBe('hello');
    expect(second.hello?.lastAckedSeq).toBe(2);
    await second.waitForBatch(5);
    expect(second.batches().map((batch) => batch.seq)).toEqual([3, 4, 5]);
  });

  it('skips batches the gateway already committed (welcome.resumeFromSeq)', async () => {
    gateway = await FakeGateway.start({ welcome: { resumeFromSeq: 2 } });
    await harness.spoolBatches(3);
    harness.connect(gateway.url);
    const socket = await gateway.socket(0);
    await socket.waitForBatch(3);
    expect(socket.batches().map((batch) => batch.seq)).toEqual([3]);
  });

  it('answers gateway pings with the same ts', async () => {
    gateway = await FakeGateway.start();
    harness.connect(gateway.url);
    const socket = await gateway.socket(0);
    await harness.states.reach('streaming');
    socket.send({ type: 'ping', ts: 1_234 });
    const pong = await socket.waitFor((frame) => frame.type === 'pong');
    expect(pong).toEqual({ type: 'pong', ts: 1_234 });
  });

  it('hands action frames to onAction and sends action_result back', async () => {
    gateway = await FakeGateway.start();
    const actions: ActionFrame[] = [];
    const connection = harness.connect(gateway.url, { onAction: (frame) => actions.push(frame) });
    const socket = await gateway.socket(0);
    await harness.states.reach('streaming');
    socket.send(makeActionFrame());
    await until(() => actions.length === 1);
    expect(actions[0]?.id).toBe(TEST_ACTION_ID);
    expect(
      connection.send({ type: 'action_result', id: TEST_ACTION_ID, status: 'succeeded', output: 'ok' }),
    ).toBe(true);
    const result = await socket.waitFor((frame) => frame.type === 'action_result');
    expect(result).toMatchObject({ id: TEST_ACTION_ID, status: 'succeeded' });
  });

  it('runs an action that arrives right behind the welcome, while the welcome is still being applied', async () => {
    gateway = await FakeGateway.start({ sendWelcome: false });
    await harness.spoolBatches(3);
    const actions: ActionFrame[] = [];
    harness.connect(gateway.url, { onAction: (frame) => actions.push(frame) });
    const socket = await gateway.socket(0);
    await socket.waitFor((frame) => frame.type === 'hello');
    // Applying the welcome waits for the spool (resumeFromSeq); the action comes meanwhile.
    socket.sendTogether([makeWelcomeFrame({ resumeFromSeq: 2 }), makeActionFrame()]);
    await harness.states.reach('streaming');
    await socket.waitForBatch(3);
    await until(() => actions.length === 1);
    expect(actions.map((action) => action.id)).toEqual([TEST_ACTION_ID]);
  });

  it('answers an unreadable action with a rejected action_result instead of dropping it', async () => {
    gateway = await FakeGateway.start();
    const actions: ActionFrame[] = [];
    harness.connect(gateway.url, { onAction: (frame) => actions.push(frame) });
    const socket = await gateway.socket(0);
    await harness.states.reach('streaming');
    socket.ws.send(JSON.stringify({ ...makeActionFrame(), verb: 'format_disk' }));
    const result = await socket.waitFor((frame) => frame.type === 'action_result');
    expect(result).toMatchObject({ id: TEST_ACTION_ID, status: 'rejected' });
    expect(actions).toEqual([]);
  });
});

describe('agent connection: failures and close codes', () => {
  it('stops for good on 4003 revoked, with a clear message', async () => {
    gateway = await FakeGateway.start();
    const connection = harness.connect(gateway.url);
    const socket = await gateway.socket(0);
    await harness.states.reach('streaming');
    socket.close(CLOSE_CODES.revoked, 'host revoked');
    const stop = await connection.stopped;
    expect(stop).toMatchObject({ kind: 'fatal', code: 4003, reason: 'host revoked' });
    expect(stop.kind === 'fatal' && stop.message).toMatch(/revoked by an administrator.*not reconnecting/);
    expect(connection.state).toBe('closed');
    expect(harness.states.count('backing_off')).toBe(0);
    // Bounded wait on purpose: proves the absence of a reconnect (backoff here is ≤ 20 ms).
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(gateway.sockets).toHaveLength(1);
  });

  it('stops on 4001 unauthorised and on an HTTP 401 upgrade refusal', async () => {
    gateway = await FakeGateway.start({ refuseUpgrade: 401 });
    const connection = harness.connect(gateway.url);
    const stop = await connection.stopped;
    expect(stop).toMatchObject({ kind: 'fatal', code: 4001 });
    expect(stop.kind === 'fatal' && stop.message).toMatch(/re-enrol/);
  });

  it('stops on 4002 version unsupported', async () => {
    gateway = await FakeGateway.start({ sendWelcome: false });
    const connection = harness.connect(gateway.url);
    const socket = await gateway.socket(0);
    await socket.waitFor((frame) => frame.type === 'hello');
    socket.close(CLOSE_CODES.versionUnsupported, 'protocol 1 not supported');
    const stop = await connection.stopped;
    expect(stop.kind === 'fatal' && stop.message).toMatch(/upgrade the agent/);
  });

  it('reconnects promptly after 1012 gateway restarting', async () => {
    gateway = await FakeGateway.start();
    harness.connect(gateway.url, {
      timing: { backoff: { baseMs: 60_000, capMs: 60_000 }, restartJitterMs: 50 },
    });
    const first = await gateway.socket(0);
    await harness.states.reach('streaming');
    first.close(CLOSE_CODES.gatewayRestarting, 'restarting');
    const backoff = await harness.states.reach('backing_off');
    expect(backoff.detail).toMatchObject({ policy: 'restart', code: 1012 });
    expect(backoff.detail?.delayMs).toBeLessThanOrEqual(50);
    await gateway.socket(1);
    await harness.states.reach('streaming', 2);
  });

  it('backs off longer after 4008 rate limited', async () => {
    gateway = await FakeGateway.start();
    harness.connect(gateway.url, {
      random: () => 0,
      timing: { backoff: { baseMs: 10, capMs: 1_000 }, rateLimitedMinMs: 300 },
    });
    const first = await gateway.socket(0);
    await harness.states.reach('streaming');
    first.close(CLOSE_CODES.rateLimited, 'slow down');
    const backoff = await harness.states.reach('backing_off');
    expect(backoff.detail).toMatchObject({ policy: 'rate_limited' });
    expect(backoff.detail?.delayMs).toBeGreaterThanOrEqual(300);
  });

  it('reaps a socket whose gateway stopped answering pings, then reconnects', async () => {
    gateway = await FakeGateway.start({ answerPings: false });
    harness.connect(gateway.url, {
      timing: { pingIntervalMs: 30, maxMissedPongs: 2, backoff: { baseMs: 5, capMs: 20 } },
    });
    const first = await gateway.socket(0);
    await harness.states.reach('streaming');
    const code = await first.closed;
    expect(code).toBe(1006); // terminated, not closed politely
    expect(first.frames.filter((frame) => frame.type === 'ping').length).toBeGreaterThanOrEqual(2);
    await harness.states.reach('backing_off');
    await gateway.socket(1);
  });

  it('reconnects when no welcome arrives in time', async () => {
    gateway = await FakeGateway.start({ sendWelcome: false });
    harness.connect(gateway.url, { timing: { welcomeTimeoutMs: 50, backoff: { baseMs: 5, capMs: 20 } } });
    await harness.states.reach('backing_off');
    expect(harness.states.changes.slice(0, 3).map((change) => change.to)).toEqual([
      'connecting',
      'handshaking',
      'backing_off',
    ]);
    await gateway.socket(1);
  });

  it('keeps retrying with backoff while the gateway is unreachable', async () => {
    gateway = await FakeGateway.start();
    const url = gateway.url;
    await gateway.close();
    harness.connect(url);
    await harness.states.reach('backing_off', 3);
    const attempts = harness.states.changes
      .filter((change) => change.to === 'backing_off')
      .map((change) => change.detail?.attempt);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('moves a batch aside after repeated 4000 closes on it and delivers the rest', async () => {
    gateway = await FakeGateway.start();
    gateway.onBatch = (batch, socket) => {
      if (batch.seq !== 2) return;
      socket.send({ type: 'error', code: 4000, message: 'batch.containerSamples[0].cpuPct: too big' });
      socket.close(CLOSE_CODES.badFrame, 'bad frame');
    };
    await harness.spoolBatches(4);
    harness.connect(gateway.url, { timing: { badFrameThreshold: 3, backoff: { baseMs: 5, capMs: 20 } } });
    await until(() => harness.spool.pending().length === 0);
    expect(await readdir(join(harness.stateDir, 'rejected'))).toContain('0000000000000002.json');
    expect(gateway.received.filter((batch) => batch.seq === 2)).toHaveLength(3);
    // The next batch reports the rejected one as a gap.
    const [next] = await harness.spoolBatches(1);
    harness.connection().batchSpooled();
    const last = await (await gateway.socket(gateway.sockets.length - 1)).waitForBatch(next ?? 0);
    expect(last.gap).toEqual({ droppedBatches: 1, fromSeq: 2, toSeq: 2 });
  });

  it('does not blame a batch for a 4000 about another frame type', async () => {
    gateway = await FakeGateway.start({ autoAck: false });
    await harness.spoolBatches(1);
    harness.connect(gateway.url, { timing: { badFrameThreshold: 1 } });
    const first = await gateway.socket(0);
    await first.waitForBatch(1);
    first.send({ type: 'error', code: 4000, message: 'action_result.output: expected at most 65536 bytes' });
    first.close(CLOSE_CODES.badFrame, 'bad frame');
    const second = await gateway.socket(1);
    await second.waitForBatch(1);
    expect((await harness.states.reach('streaming', 2)).detail).toMatchObject({ probing: false });
    expect(harness.spool.pending().map((batch) => batch.seq)).toEqual([1]);
  });
});

describe('agent connection: shutdown', () => {
  it('flushes the final batch, waits for its ack, and closes with 1000', async () => {
    gateway = await FakeGateway.start();
    const connection = harness.connect(gateway.url);
    const socket = await gateway.socket(0);
    await harness.states.reach('streaming');
    await harness.spoolBatches(1);
    connection.batchSpooled();
    await connection.shutdown({ waitForAcksMs: 5_000 });
    expect(await socket.closed).toBe(1000);
    expect(socket.batches().map((batch) => batch.seq)).toEqual([1]);
    expect(harness.spool.pending()).toEqual([]);
    expect(connection.state).toBe('closed');
    expect(await connection.stopped).toEqual({ kind: 'shutdown' });
    expect(harness.states.changes.slice(-2).map((change) => change.to)).toEqual(['draining', 'closed']);
  });

  it('gives up waiting for acks after the timeout and keeps the batch spooled', async () => {
    gateway = await FakeGateway.start({ autoAck: false });
    const connection = harness.connect(gateway.url);
    const socket = await gateway.socket(0);
    await harness.states.reach('streaming');
    await harness.spoolBatches(1);
    connection.batchSpooled();
    await socket.waitForBatch(1);
    await connection.shutdown({ waitForAcksMs: 50 });
    expect(await socket.closed).toBe(1000);
    expect(harness.spool.pending().map((batch) => batch.seq)).toEqual([1]);
  });

  it('shuts down while backing off without connecting again', async () => {
    gateway = await FakeGateway.start();
    const url = gateway.url;
    await gateway.close();
    const connection = harness.connect(url, { timing: { backoff: { baseMs: 60_000, capMs: 60_000 } } });
    await harness.states.reach('backing_off');
    await connection.shutdown();
    expect(connection.state).toBe('closed');
  });
});

/** For spool state, which has no events: re-checks every few milliseconds until it holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

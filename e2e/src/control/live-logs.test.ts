import { ZLogStreamMessageSchema } from '@berth/bus';
import { SseReader } from '@berth/http/testing';
import { docker, dockerAvailability, runBusybox, type TestContainer } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay, waitFor } from '../support/wait-for.js';
import { type ControlWorld, startControlWorld } from './control-world.js';

const availability = await dockerAvailability();
const skipped = availability.ok ? '' : ` (skipped: ${availability.reason})`;

/** Numbered lines on both streams, five a second each. */
const CHATTER = 'i=0; while true; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); sleep 0.2; done';

type LiveLine = { ts: string; stream: 'stdout' | 'stderr'; line: string };
/** A `LogStreamMessage` (`@berth/bus`) with the stream id its channel (`logs:<id>`) names. */
type LogFrame = { streamId: string; lines: LiveLine[]; ended: boolean };
type GatewayMessage = { kind: string; streamId?: string; containerId?: string };

const numberOf = (line: LiveLine) => Number(line.line.split(' ')[1]);
/** Docker's nanosecond timestamps, cut to what Date.parse reads. */
const msOf = (ts: string) => Date.parse(ts.replace(/(\.\d{3})\d*/, '$1'));

describe.skipIf(!availability.ok)(`live logs: agent → gateway → Redis → API → SSE${skipped}`, () => {
  let world: ControlWorld;
  let container: TestContainer;
  /** Every message relayed on `logs:*` (what the gateway publishes of the agent's frames). */
  const relayed: LogFrame[] = [];
  /** Every message the API sent to a gateway (`logs_follow`, `logs_stop`). */
  const toGateway: GatewayMessage[] = [];

  beforeAll(async () => {
    world = await startControlWorld('live-logs');
    container = await runBusybox(CHATTER, {
      name: `${world.run.runId}-chatter`,
      labels: { 'berth.e2e.run': world.run.runId },
    });
    await world.observer.psubscribe('logs:*', (message, channel) => {
      const { lines, end } = ZLogStreamMessageSchema.parse(message);
      // Dropped-line markers carry no text; this chatter is far below the agent's rate cap.
      const texts = lines.flatMap((entry) =>
        entry.line === undefined ? [] : [{ ...entry, line: entry.line }],
      );
      relayed.push({ streamId: channel.slice('logs:'.length), lines: texts, ended: end !== null });
    });
    await world.observer.psubscribe('gateway:*:actions', (m) => void toGateway.push(m as GatewayMessage));
    const url = `/api/v1/hosts/${world.hostId}/containers/${container.shortId}`;
    await waitFor(async () => (await world.call('GET', url)).status === 200, {
      what: 'the agent to report the container',
    });
  }, 120_000);
  afterAll(() => world?.close());

  const logsUrl = (query: string, containerId = container.shortId) =>
    `${world.baseUrl}/api/v1/hosts/${world.hostId}/containers/${containerId}/logs?${query}`;
  const linesOf = (reader: SseReader) =>
    reader.events.filter((e) => e.event === 'lines').flatMap((e) => (e.data as { lines: LiveLine[] }).lines);
  const lastPrinted = async () =>
    Math.max(
      ...(await docker('logs', '--tail', '3', container.id)).split('\n').map((l) => Number(l.split(' ')[1])),
    );

  it('streams lines printed after the request, stdout and stderr apart, and stops the agent’s follow when the caller leaves', async () => {
    const printedBefore = await lastPrinted();
    const requestedAt = Date.now();
    const reader = new SseReader();
    expect(
      await reader.open(logsUrl('follow=1&tail=0'), { authorization: `Bearer ${world.tokens.viewer}` }),
    ).toBe(200);
    await waitFor(
      () => ['stdout', 'stderr'].every((s) => linesOf(reader).filter((l) => l.stream === s).length >= 3),
      { what: 'three live lines on each stream', timeoutMs: 20_000 },
    );
    const lines = linesOf(reader);
    for (const line of lines) {
      expect(line.line).toMatch(line.stream === 'stdout' ? /^out \d+$/ : /^err \d+$/);
      expect(numberOf(line)).toBeGreaterThan(printedBefore);
      expect(msOf(line.ts)).toBeGreaterThanOrEqual(requestedAt - 5);
    }
    const follow = toGateway.find((m) => m.kind === 'logs_follow' && m.containerId === container.shortId);
    const streamId = follow?.streamId;
    expect(streamId).toBeDefined();
    const framesOfStream = () => relayed.filter((frame) => frame.streamId === streamId);
    expect(framesOfStream().length).toBeGreaterThan(0);

    await reader.close();
    await waitFor(() => toGateway.some((m) => m.kind === 'logs_stop' && m.streamId === streamId), {
      what: 'the API to tell the gateway to stop the stream',
    });
    // The container still runs, so an `ended` frame can only mean the agent stopped following.
    await waitFor(() => framesOfStream().some((frame) => frame.ended), {
      what: 'the agent to end its follow',
    });
    const framesAtEnd = framesOfStream().length;
    const lastRelayed = Math.max(...framesOfStream().flatMap((f) => f.lines.map(numberOf)));
    // Absence cannot be awaited: while connected, a frame came every 0.5 s (the agent's flush).
    await delay(2000);
    expect(await lastPrinted()).toBeGreaterThan(lastRelayed + 5);
    expect(framesOfStream().length).toBe(framesAtEnd);
  });

  it('keeps only the asked stream and sends the last `tail` lines of history first', async () => {
    const requestedAt = Date.now();
    const reader = new SseReader();
    await reader.open(logsUrl('follow=1&tail=4&stream=stderr'), {
      authorization: `Bearer ${world.tokens.viewer}`,
    });
    await waitFor(() => linesOf(reader).some((line) => msOf(line.ts) > requestedAt + 300), {
      what: 'a live stderr line after the history',
      timeoutMs: 20_000,
    });
    await reader.close();
    const lines = linesOf(reader);
    expect(lines.every((line) => line.stream === 'stderr' && /^err \d+$/.test(line.line))).toBe(true);
    // tail=4 counts both streams (Docker's tail), so about two stderr lines precede the request.
    const history = lines.filter((line) => msOf(line.ts) < requestedAt);
    expect(history.length).toBeGreaterThanOrEqual(1);
    expect(history.length).toBeLessThanOrEqual(4);
  });

  it('answers another organisation’s user 404 and asks no gateway for anything', async () => {
    const followsBefore = toGateway.filter((m) => m.kind === 'logs_follow').length;
    const reader = new SseReader();
    expect(await reader.open(logsUrl('follow=1'), { authorization: `Bearer ${world.tokens.stranger}` })).toBe(
      404,
    );
    const unknown = new SseReader();
    expect(
      await unknown.open(logsUrl('follow=1', 'feedfacecafe'), {
        authorization: `Bearer ${world.tokens.viewer}`,
      }),
    ).toBe(404);
    await delay(300);
    expect(toGateway.filter((m) => m.kind === 'logs_follow').length).toBe(followsBefore);
  });

  // Last: it stops the world's gateway.
  it('ends the stream with the reason when the gateway holding the host goes away', async () => {
    const reader = new SseReader();
    await reader.open(logsUrl('follow=1&tail=0'), { authorization: `Bearer ${world.tokens.viewer}` });
    await waitFor(() => linesOf(reader).length > 0, { what: 'live lines', timeoutMs: 20_000 });
    await world.gateway.stop();
    await waitFor(() => reader.events.some((e) => e.event === 'end'), {
      what: 'the API to end the stream of a host no gateway holds',
      timeoutMs: 20_000,
    });
    expect(reader.events.find((e) => e.event === 'end')?.data).toEqual({
      error: 'the host disconnected from Berth; follow again once it is back',
    });
    await reader.close();
  });
});

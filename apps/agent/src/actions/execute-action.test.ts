import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActionFrame, ActionResultFrame, LogLinesFrame } from '@berth/protocol';
import { docker, dockerAvailability, runBusybox, type TestContainer } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../cli/logger.js';
import { createDockerClient } from '../collectors/index.js';
import { ActionJournal } from './action-journal.js';
import { type ExecutorDeps, executeAction } from './execute-action.js';
import { LiveLogStreams } from './live-log-streams.js';

const availability = await dockerAvailability();
const logger = silentLogger();
let dir = '';
let target: TestContainer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-actions-'));
  if (availability.ok)
    target = await runBusybox(
      'trap "exit 0" TERM; i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.2; done',
    );
});
afterAll(async () => {
  await target?.remove();
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
function frame(overrides: Partial<ActionFrame>): ActionFrame {
  counter += 1;
  return {
    type: 'action',
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    verb: 'ping',
    target: {},
    params: {},
    deadline: new Date(Date.now() + 60_000).toISOString(),
    ...overrides,
  };
}

async function executor(overrides: Partial<ExecutorDeps> = {}) {
  const results: ActionResultFrame[] = [];
  const journalPath = path.join(dir, `journal-${counter}-${Math.random()}.json`);
  const journal = new ActionJournal(journalPath);
  await journal.load();
  const deps: ExecutorDeps = {
    docker: createDockerClient({}),
    refreshInventory: async () => {},
    journal,
    readOnly: false,
    serverNow: Date.now,
    send: (result) => void results.push(result),
    logger,
    ...overrides,
  };
  return { deps, results, journalPath };
}

describe('action executor (no engine needed)', () => {
  it('answers ping, never runs the same id twice, and sends its result again on redelivery, also after a restart', async () => {
    const runs: string[] = [];
    const { deps, results, journalPath } = await executor({
      logger: createLogger('info', (line) => void runs.push(JSON.parse(line).msg)),
    });
    const ping = frame({ verb: 'ping' });
    await executeAction(ping, deps);
    await executeAction(ping, deps);
    expect(results.map((r) => [r.status, r.output])).toEqual([
      ['running', ''],
      ['succeeded', 'pong'],
      ['succeeded', 'pong'],
    ]);
    const restarted = new ActionJournal(journalPath);
    await restarted.load();
    await executeAction(ping, { ...deps, journal: restarted });
    expect(results.at(-1)).toEqual(results[1]);
    expect(runs.filter((msg) => msg === 'running action')).toHaveLength(1);
  });

  it('answers a redelivery that arrives while the action runs with nothing, and one cut off by a restart with failed', async () => {
    const { deps, results, journalPath } = await executor();
    const ping = frame({ verb: 'ping' });
    await Promise.all([executeAction(ping, deps), executeAction(ping, deps)]);
    expect(results.map((r) => r.status)).toEqual(['running', 'succeeded']);

    const cutOff = frame({ verb: 'ping' });
    const before = new ActionJournal(journalPath);
    await before.load();
    await before.start(cutOff.id);
    const after = new ActionJournal(journalPath);
    await after.load();
    await executeAction(cutOff, { ...deps, journal: after });
    expect(results.at(-1)).toMatchObject({
      id: cutOff.id,
      status: 'failed',
      output: expect.stringMatching(/unknown/),
    });
  });

  it('refuses past-deadline actions, read-only agents and unsupported verbs without running them', async () => {
    const { deps, results } = await executor();
    await executeAction(frame({ deadline: new Date(Date.now() - 1).toISOString() }), deps);
    await executeAction(frame({}), { ...deps, readOnly: true });
    // A verb from a later protocol revision, as an older agent would receive it.
    await executeAction(frame({ verb: 'reboot' as ActionFrame['verb'] }), deps);
    expect(results.map((r) => [r.status, r.output])).toEqual([
      ['timed_out', 'deadline passed before the agent could start it'],
      ['rejected', 'this agent runs read-only: actions are disabled on this host'],
      ['rejected', 'verb "reboot" is not supported by this agent'],
    ]);
  });

  it('fails update with the reason, and changes nothing, where the agent was not installed to update itself', async () => {
    const { deps, results } = await executor();
    await executeAction(frame({ verb: 'update' }), deps);
    expect(results.at(-1)).toMatchObject({
      status: 'failed',
      output: 'this agent cannot update itself: it was not installed by install.sh (no --install-mode)',
    });
  });

  it('judges the deadline by the gateway clock, not a skewed local one', async () => {
    const { deps, results } = await executor({ serverNow: () => Date.now() + 120_000 });
    await executeAction(frame({}), deps);
    expect(results[0]?.status).toBe('timed_out');
  });
});

describe.skipIf(!availability.ok)(
  `action executor against Docker${availability.ok ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    it('restarts a real container: StartedAt changes and the result is succeeded', async () => {
      const before = await docker('inspect', '-f', '{{.State.StartedAt}}', target.id);
      const { deps, results } = await executor();
      await executeAction(
        frame({ verb: 'restart', target: { containerId: target.shortId }, params: { timeoutS: 2 } }),
        deps,
      );
      expect(results.map((r) => r.status)).toEqual(['running', 'succeeded']);
      expect(await docker('inspect', '-f', '{{.State.StartedAt}}', target.id)).not.toBe(before);
    });

    it('reports Docker errors as failed with the reason, and "already stopped" as success', async () => {
      const { deps, results } = await executor();
      await executeAction(frame({ verb: 'start', target: { containerId: '0123456789ab' } }), deps);
      expect(results.at(-1)).toMatchObject({ status: 'failed' });
      expect(results.at(-1)?.output).toMatch(/docker 404: .*No such container/i);
      const stopped = await runBusybox('sleep 1');
      await docker('wait', stopped.id);
      await executeAction(frame({ verb: 'stop', target: { containerId: stopped.shortId } }), deps);
      expect(results.at(-1)).toMatchObject({ status: 'succeeded', output: 'already in that state' });
      await stopped.remove();
    });

    it('streams live logs on demand until stopped', async () => {
      const frames: LogLinesFrame[] = [];
      const streams = new LiveLogStreams(
        createDockerClient({}),
        (f) => {
          frames.push(f);
          return true;
        },
        logger,
      );
      const streamId = '11111111-1111-4111-8111-111111111111';
      await streams.follow({ type: 'logs_follow', streamId, containerId: target.shortId, tail: 3 });
      await expect
        .poll(() => frames.flatMap((f) => f.lines).length, { timeout: 5000 })
        .toBeGreaterThanOrEqual(5);
      streams.stop(streamId);
      expect(frames.at(-1)).toMatchObject({ ended: true });
      const lines = frames.flatMap((f) => f.lines);
      expect(
        lines.every((l) => 'line' in l && /^line \d+$/.test(l.line ?? '') && l.stream === 'stdout'),
      ).toBe(true);
    });

    it('holds a live-log flood within its bounds, and counts what it dropped or could not send', async () => {
      const flood = await runBusybox(`yes '${'y'.repeat(200)}' | head -n 30000; sleep 300`);
      const frames: LogLinesFrame[] = [];
      const most = { lines: 0, chars: 0 };
      let calls = 0;
      const streams: LiveLogStreams = new LiveLogStreams(
        createDockerClient({}),
        (f) => {
          const held = streams.held();
          most.lines = Math.max(most.lines, held.lines);
          most.chars = Math.max(most.chars, held.chars);
          calls += 1;
          // Every third frame cannot go out (a backed-up socket): its lines must be counted.
          if (calls % 3 === 0) return false;
          frames.push(f);
          return true;
        },
        logger,
      );
      const streamId = '22222222-2222-4222-8222-222222222222';
      const accounted = () =>
        frames
          .flatMap((f) => f.lines)
          .reduce((sum, l) => sum + ('dropped' in l && l.dropped ? l.dropped : 1), 0);
      try {
        await streams.follow({ type: 'logs_follow', streamId, containerId: flood.shortId, tail: 100_000 });
        await expect.poll(accounted, { timeout: 20_000, interval: 200 }).toBe(30_000);
        expect(most.lines).toBeLessThanOrEqual(2_000);
        expect(most.chars).toBeLessThanOrEqual(2 * 1024 * 1024);
        expect(Math.max(...frames.map((f) => f.lines.length))).toBeLessThanOrEqual(1_001);
        expect(frames.some((f) => f.lines.some((l) => 'dropped' in l && (l.dropped ?? 0) > 0))).toBe(true);
      } finally {
        streams.stop(streamId);
        await flood.remove();
      }
    });
  },
);

import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '@/lib/api/history';
import { actionTone, applyActionStatus } from './apply-action-status';

function action(overrides: Partial<ActionRecord> = {}): ActionRecord {
  return {
    id: 'a1',
    hostId: 'h1',
    containerId: 'abcdef012345',
    verb: 'restart',
    params: {},
    status: 'queued',
    output: null,
    requestedBy: 'u1',
    requestedByToken: null,
    deadline: '2026-11-23T12:01:00.000Z',
    createdAt: '2026-11-23T12:00:00.000Z',
    sentAt: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    ...overrides,
  };
}

describe('applyActionStatus', () => {
  it('moves a row through sent → running → succeeded, stamping each step and the duration', () => {
    let items: ActionRecord[] = [action(), action({ id: 'a2' })];
    for (const [status, at] of [
      ['sent', '2026-11-23T12:00:00.100Z'],
      ['running', '2026-11-23T12:00:00.200Z'],
      ['succeeded', '2026-11-23T12:00:01.500Z'],
    ] as const) {
      items =
        applyActionStatus(items, {
          actionId: 'a1',
          status,
          output: status === 'succeeded' ? 'ok' : null,
          at,
        }) ?? [];
    }
    expect(items[0]).toMatchObject({
      status: 'succeeded',
      output: 'ok',
      sentAt: '2026-11-23T12:00:00.100Z',
      startedAt: '2026-11-23T12:00:00.200Z',
      finishedAt: '2026-11-23T12:00:01.500Z',
      durationMs: 1500,
    });
    expect(items[1]?.status).toBe('queued');
  });

  it('ignores a late "running" after the result, and says when the action is not listed', () => {
    const done = [action({ status: 'failed', finishedAt: '2026-11-23T12:00:02.000Z' })];
    expect(
      applyActionStatus(done, {
        actionId: 'a1',
        status: 'running',
        output: null,
        at: '2026-11-23T12:00:03.000Z',
      }),
    ).toBe(done);
    expect(
      applyActionStatus(done, {
        actionId: 'zz',
        status: 'queued',
        output: null,
        at: '2026-11-23T12:00:03.000Z',
      }),
    ).toBeNull();
  });
});

describe('applyActionStatus ordering', () => {
  const update = (status: ActionRecord['status'], at = '2026-11-23T12:00:05.000Z') => ({
    actionId: 'a1',
    status,
    output: null,
    at,
  });

  it('never rewinds a sent or running action to an earlier status', () => {
    const running = [action({ status: 'running', sentAt: '2026-11-23T12:00:00.100Z' })];
    expect(applyActionStatus(running, update('queued'))).toBe(running);
    expect(applyActionStatus(running, update('sent'))).toBe(running);
    const sent = [action({ status: 'sent', sentAt: '2026-11-23T12:00:00.100Z' })];
    expect(applyActionStatus(sent, update('queued'))).toBe(sent);
    expect(applyActionStatus(sent, update('running'))?.[0]?.status).toBe('running');
  });

  it('keeps the first terminal status: a late different result does not replace it', () => {
    const failed = [action({ status: 'failed', finishedAt: '2026-11-23T12:00:02.000Z' })];
    expect(applyActionStatus(failed, update('succeeded'))).toBe(failed);
    expect(applyActionStatus(failed, update('timed_out'))).toBe(failed);
  });
});

describe('actionTone', () => {
  it('marks timed-out and rejected actions as failures', () => {
    expect(actionTone('timed_out')).toBe('danger');
    expect(actionTone('rejected')).toBe('danger');
    expect(actionTone('succeeded')).toBe('ok');
  });
});

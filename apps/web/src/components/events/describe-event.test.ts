import { describe, expect, it } from 'vitest';
import { describeEventAttributes, eventTone, eventToneOf } from './describe-event';

describe('eventTone', () => {
  it('colours crashes, health and lifecycle', () => {
    expect(eventTone('oom')).toBe('danger');
    expect(eventTone('health_status: unhealthy')).toBe('danger');
    expect(eventTone('health_status: healthy')).toBe('ok');
    expect(eventTone('health_status: starting')).toBe('warn');
    expect(eventTone('start')).toBe('ok');
    expect(eventTone('restart')).toBe('warn');
    expect(eventTone('rename')).toBe('neutral');
  });

  it('treats a die with exit code 0 as a clean stop, any other as a crash', () => {
    expect(eventToneOf({ action: 'die', attributes: { exitCode: '0' } })).toBe('neutral');
    expect(eventToneOf({ action: 'die', attributes: { exitCode: '137' } })).toBe('danger');
  });
});

describe('describeEventAttributes', () => {
  it('lists the facts worth a column, in a stable order, ignoring the rest', () => {
    expect(
      describeEventAttributes({
        image: 'nginx:1.27',
        exitCode: '137',
        signal: '9',
        name: 'web',
        foo: { a: 1 },
      }),
    ).toBe('exit code 137 · signal 9 · image nginx:1.27');
    expect(describeEventAttributes({ oldName: '/web-old' })).toBe('was web-old');
    expect(describeEventAttributes({})).toBe('');
  });

  it("reads the agent's auto-restart records: who, why, which attempt, and giving up", () => {
    expect(
      describeEventAttributes({
        actor: 'auto-restart',
        reason: 'exited with code 1',
        attempt: '2',
        max_attempts: '5',
        outcome: 'started',
        delay_ms: '20004',
      }),
    ).toBe('by auto-restart · exited with code 1 · attempt 2 of 5');
    expect(
      describeEventAttributes({ actor: 'auto-restart', reason: 'exited with code 1', attempts: '5' }),
    ).toBe('by auto-restart · exited with code 1 · gave up after 5 restarts');
    expect(
      describeEventAttributes({ actor: 'auto-restart', attempt: '1', outcome: 'failed: no such container' }),
    ).toBe('by auto-restart · attempt 1 · failed: no such container');
    expect(
      describeEventAttributes({
        actor: 'auto-restart',
        label: 'berth.autoheal.backoff',
        error: 'expected a duration',
      }),
    ).toBe('by auto-restart · label berth.autoheal.backoff: expected a duration');
    expect(eventTone('autoheal_gave_up')).toBe('danger');
    expect(eventTone('autoheal_restart')).toBe('warn');
  });
});

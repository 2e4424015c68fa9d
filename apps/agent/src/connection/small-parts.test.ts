import { describe, expect, it } from 'vitest';
import { canTransition } from './connection-states.js';
import { FrameRateLimiter } from './frame-rate-limiter.js';
import { PoisonBatchTracker } from './poison-batch-tracker.js';
import { toAgentSocketUrl } from './to-agent-socket-url.js';

describe('toAgentSocketUrl', () => {
  it('maps http(s) to ws(s) and appends /agent/v1, keeping a path prefix', () => {
    expect(toAgentSocketUrl('https://berth.example.com')).toBe('wss://berth.example.com/agent/v1');
    expect(toAgentSocketUrl('http://127.0.0.1:3002/')).toBe('ws://127.0.0.1:3002/agent/v1');
    expect(toAgentSocketUrl('https://example.com/berth/')).toBe('wss://example.com/berth/agent/v1');
  });
});

describe('FrameRateLimiter', () => {
  it('allows `budget` frames per rolling second and says how long to wait for the next', () => {
    let now = 0;
    const limiter = new FrameRateLimiter(() => now);
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.delayFor(3)).toBe(0);
      limiter.record();
      now += 100;
    }
    expect(limiter.delayFor(3)).toBe(700);
    now = 1_000;
    expect(limiter.delayFor(3)).toBe(0);
  });
});

describe('PoisonBatchTracker', () => {
  it('rejects only after K closes on the same seq, the last one certain', () => {
    const tracker = new PoisonBatchTracker(3);
    expect(tracker.badFrameClose(7, false)).toBe('retry');
    expect(tracker.probing).toBe(true);
    expect(tracker.badFrameClose(7, true)).toBe('retry');
    expect(tracker.badFrameClose(7, true)).toBe('reject');
    expect(tracker.probing).toBe(false);
  });

  it('starts counting again when the suspect changes or gets acked', () => {
    const tracker = new PoisonBatchTracker(2);
    tracker.badFrameClose(7, true);
    expect(tracker.badFrameClose(8, true)).toBe('retry');
    tracker.acked(8);
    expect(tracker.probing).toBe(false);
    expect(tracker.badFrameClose(8, true)).toBe('retry');
  });
});

describe('connection states', () => {
  it('allows only the documented transitions; closed is terminal', () => {
    expect(canTransition('idle', 'connecting')).toBe(true);
    expect(canTransition('streaming', 'draining')).toBe(true);
    expect(canTransition('backing_off', 'streaming')).toBe(false);
    expect(canTransition('closed', 'connecting')).toBe(false);
  });
});

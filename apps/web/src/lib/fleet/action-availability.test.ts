import { describe, expect, it } from 'vitest';
import { actionsBlockedReason, DESTRUCTIVE_VERBS, isFinished, verbAvailability } from './action-availability';

const base = {
  role: 'operator',
  capabilities: ['actions', 'logs'],
  hostRevoked: false,
  removed: false,
  state: 'running' as const,
};

describe('actionsBlockedReason', () => {
  it('lets operators, admins and owners act on an agent that takes actions', () => {
    for (const role of ['operator', 'admin', 'owner'])
      expect(actionsBlockedReason({ ...base, role })).toBeNull();
  });

  it('says why viewers, read-only agents, revoked hosts and removed containers cannot', () => {
    expect(actionsBlockedReason({ ...base, role: 'viewer' })).toMatch(/Viewers cannot run actions/);
    expect(actionsBlockedReason({ ...base, role: null })).toMatch(/Viewers/);
    expect(actionsBlockedReason({ ...base, capabilities: ['actions', 'read_only'] })).toMatch(/read-only/);
    expect(actionsBlockedReason({ ...base, capabilities: ['logs'] })).toMatch(/does not support actions/);
    expect(actionsBlockedReason({ ...base, hostRevoked: true })).toMatch(/revoked/);
    expect(actionsBlockedReason({ ...base, removed: true })).toMatch(/removed/);
  });
});

describe('verbAvailability', () => {
  it('offers the verbs that fit the state, with a reason for the others', () => {
    expect(verbAvailability('restart', 'running').enabled).toBe(true);
    expect(verbAvailability('start', 'running')).toEqual({
      enabled: false,
      reason: 'Not available while the container is running.',
    });
    expect(verbAvailability('start', 'exited').enabled).toBe(true);
    expect(verbAvailability('unpause', 'paused').enabled).toBe(true);
    expect(verbAvailability('pause', 'paused').enabled).toBe(false);
  });

  it('confirms stop, restart and kill, and knows the terminal statuses', () => {
    expect([...DESTRUCTIVE_VERBS].sort()).toEqual(['kill', 'restart', 'stop']);
    expect(['succeeded', 'failed', 'timed_out', 'rejected'].every(isFinished)).toBe(true);
    expect(['queued', 'sent', 'running'].some(isFinished)).toBe(false);
  });
});

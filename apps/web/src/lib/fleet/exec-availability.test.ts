import { describe, expect, it } from 'vitest';
import { execBlockedReason, parseCommand } from './exec-availability';

const base = {
  role: 'admin',
  capabilities: ['actions', 'exec'],
  hostOnline: true,
  hostRevoked: false,
  removed: false,
  state: 'running' as const,
  settings: { operatorsAllowed: false, recordTranscripts: false },
};

describe('execBlockedReason', () => {
  it('lets admins in, operators only where allowed, viewers never', () => {
    expect(execBlockedReason(base)).toBeNull();
    expect(execBlockedReason({ ...base, role: 'viewer' })).toBe('Viewers cannot open terminals.');
    expect(execBlockedReason({ ...base, role: 'operator' })).toMatch(/only where an admin allowed it/);
    expect(
      execBlockedReason({
        ...base,
        role: 'operator',
        settings: { operatorsAllowed: true, recordTranscripts: false },
      }),
    ).toBeNull();
  });

  it('names the agent opt-in and read-only mode', () => {
    expect(execBlockedReason({ ...base, capabilities: ['actions'] })).toBe(
      'Exec is disabled on this host: start the agent with --allow-exec.',
    );
    expect(execBlockedReason({ ...base, capabilities: ['read_only'] })).toMatch(/read-only mode/);
  });
});

describe('parseCommand', () => {
  it('splits on white space and defaults to /bin/sh', () => {
    expect(parseCommand('  bash   -l ')).toEqual(['bash', '-l']);
    expect(parseCommand('')).toEqual(['/bin/sh']);
  });
});

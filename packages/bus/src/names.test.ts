import { describe, expect, it } from 'vitest';
import { matchGlob } from './match-glob.js';
import { channels, keys, parseOrgEventsChannel, patterns, streams } from './names.js';

describe('names', () => {
  it('builds the documented channel, key and stream names', () => {
    expect(channels.hostActions('h1')).toBe('host:h1:actions');
    expect(channels.gatewayActions('gw-1')).toBe('gateway:gw-1:actions');
    expect(channels.orgEvents('0b6f4a52-1c1e-4f57-9d2a-7f0f2c1a9e11')).toBe(
      'org:0b6f4a52-1c1e-4f57-9d2a-7f0f2c1a9e11:events',
    );
    expect(keys.presence('h1')).toBe('presence:host:h1');
    expect(streams.orgEvents('o1')).toBe('stream:org:o1:events');
  });

  it('matches every org events channel with the all-orgs pattern and parses the org back', () => {
    const channel = channels.orgEvents('o-42');
    expect(matchGlob(patterns.allOrgEvents, channel)).toBe(true);
    expect(matchGlob(patterns.allOrgEvents, channels.hostActions('o-42'))).toBe(false);
    expect(parseOrgEventsChannel(channel)).toBe('o-42');
    expect(parseOrgEventsChannel('org:a:b:events')).toBeNull();
    expect(parseOrgEventsChannel('host:h1:actions')).toBeNull();
  });

  it('rejects ids that could break a name or a pattern', () => {
    for (const bad of ['', 'a:b', 'a*', 'a?', '[a]', 'a b', 'x'.repeat(129)]) {
      expect(() => channels.orgEvents(bad)).toThrow(TypeError);
    }
  });
});

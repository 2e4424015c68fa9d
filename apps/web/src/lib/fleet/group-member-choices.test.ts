import { describe, expect, it } from 'vitest';
import { memberChoicesByHost } from './group-member-choices';

describe('containers offered to a group', () => {
  it('lists each host’s names once, sorted, leaving out current members', () => {
    const choices = memberChoicesByHost(
      [
        { hostId: 'h1', name: 'web' },
        { hostId: 'h1', name: 'api' },
        { hostId: 'h1', name: 'web' },
        { hostId: 'h2', name: 'web' },
        { hostId: 'h2', name: 'db' },
      ],
      [{ hostId: 'h2', containerName: 'web' }],
    );
    expect(choices.get('h1')).toEqual(['api', 'web']);
    expect(choices.get('h2')).toEqual(['db']);
  });

  it('leaves out a host whose every container is a member', () => {
    const choices = memberChoicesByHost(
      [{ hostId: 'h1', name: 'web' }],
      [{ hostId: 'h1', containerName: 'web' }],
    );
    expect(choices.has('h1')).toBe(false);
  });
});

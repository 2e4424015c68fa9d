import { describe, expect, it } from 'vitest';
import { formatMatcher, parseMatcherLines } from './matcher-text';

describe('matchers as text', () => {
  it('reads one matcher per line with each operator, and writes them back', () => {
    const matchers = parseMatcherLines('host=web-1\n container =~ web-.* \nseverity!=info\nmount!~/data\n\n');
    expect(matchers).toEqual([
      { label: 'host', op: '=', value: 'web-1' },
      { label: 'container', op: '=~', value: 'web-.*' },
      { label: 'severity', op: '!=', value: 'info' },
      { label: 'mount', op: '!~', value: '/data' },
    ]);
    expect(matchers.map(formatMatcher)).toEqual([
      'host=web-1',
      'container=~web-.*',
      'severity!=info',
      'mount!~/data',
    ]);
  });

  it('keeps a line that is not a matcher as its label, for the schema to refuse', () => {
    expect(parseMatcherLines('no operator here')).toEqual([
      { label: 'no operator here', op: '=', value: '' },
    ]);
  });
});

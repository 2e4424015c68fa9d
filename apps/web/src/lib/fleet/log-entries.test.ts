import { describe, expect, it } from 'vitest';
import { appendEntries, liveToEntries, MAX_LOG_ENTRIES, storedToEntries } from './log-entries';

describe('log entries', () => {
  it('turns the newest-first stored page into oldest-first entries, markers included', () => {
    const entries = storedToEntries([
      { ts: '2026-11-23T10:00:02.000Z', stream: 'stderr', line: 'boom', dropped: 0 },
      { ts: '2026-11-23T10:00:01.000Z', stream: 'stdout', line: '', dropped: 17 },
      { ts: '2026-11-23T10:00:00.000Z', stream: 'stdout', line: 'hello', dropped: 0 },
    ]);
    expect(entries.map((entry) => entry.kind)).toEqual(['line', 'dropped', 'line']);
    expect(entries[0]).toMatchObject({
      stream: 'stdout',
      text: 'hello',
      ts: Date.parse('2026-11-23T10:00:00.000Z'),
    });
    expect(entries[1]).toMatchObject({ count: 17 });
    expect(entries[2]).toMatchObject({ stream: 'stderr', text: 'boom' });
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(3);
  });

  it('gives live lines ids unique across batches and caps what is kept', () => {
    const first = liveToEntries([{ ts: '2026-11-23T10:00:00.000Z', stream: 'stdout', line: 'a' }], 1);
    const second = liveToEntries([{ ts: '2026-11-23T10:00:00.000Z', stream: 'stdout', line: 'a' }], 2);
    expect(first[0]?.id).not.toBe(second[0]?.id);
    const many = Array.from(
      { length: MAX_LOG_ENTRIES },
      (_, i) => ({ ...first[0], id: i }) as (typeof first)[number],
    );
    const kept = appendEntries(many, second);
    expect(kept).toHaveLength(MAX_LOG_ENTRIES);
    expect(kept.at(-1)).toBe(second[0]);
  });
});

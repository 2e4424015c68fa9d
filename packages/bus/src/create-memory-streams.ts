import { compareEventIds, isEventId } from './event-ids.js';
import type { ReadEventsResult } from './types.js';
import { assertPositiveInteger } from './validate-args.js';

type Stream = { lastMs: number; lastSeq: number; entries: { id: string; json: string }[] };

export type MemoryStreams = {
  append(stream: string, json: string, maxLen: number): string;
  readAfter(stream: string, afterId: string, limit: number): ReadEventsResult;
};

/** Replay buffers with Redis stream ids: `<ms>-<seq>`, never going backwards even if the clock does. */
export function createMemoryStreams(): MemoryStreams {
  const streams = new Map<string, Stream>();

  function nextId(stream: Stream): string {
    const now = Date.now();
    if (now > stream.lastMs) {
      stream.lastMs = now;
      stream.lastSeq = 0;
    } else {
      stream.lastSeq += 1;
    }
    return `${stream.lastMs}-${stream.lastSeq}`;
  }

  return {
    append(name, json, maxLen) {
      assertPositiveInteger('maxLen', maxLen);
      let stream = streams.get(name);
      if (!stream) {
        stream = { lastMs: -1, lastSeq: 0, entries: [] };
        streams.set(name, stream);
      }
      const id = nextId(stream);
      stream.entries.push({ id, json });
      if (stream.entries.length > maxLen) stream.entries.splice(0, stream.entries.length - maxLen);
      return id;
    },
    readAfter(name, afterId, limit) {
      assertPositiveInteger('limit', limit);
      const entries = streams.get(name)?.entries ?? [];
      const valid = isEventId(afterId);
      const start = valid ? firstIndexNotBefore(entries, afterId) : 0;
      const gap = entries[start]?.id !== afterId;
      const from = gap ? start : start + 1;
      const events = entries
        .slice(from, from + limit)
        .map((entry) => ({ id: entry.id, event: JSON.parse(entry.json) as unknown }));
      return { events, gap };
    },
  };
}

function firstIndexNotBefore(entries: { id: string }[], id: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const entry = entries[mid];
    if (entry && compareEventIds(entry.id, id) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

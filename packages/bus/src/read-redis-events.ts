import type { Redis } from 'ioredis';
import { isEventId } from './event-ids.js';
import type { BusLogger, ReadEventsResult, StoredEvent } from './types.js';

export const EVENT_FIELD = 'e';

/**
 * XRANGE starts inclusively at `afterId`: finding that very entry proves nothing between it and the next
 * one was trimmed. If it is missing, the caller is told there may be a gap.
 */
export async function readRedisEvents(
  redis: Redis,
  key: string,
  afterId: string,
  limit: number,
  logger: BusLogger,
): Promise<ReadEventsResult> {
  const start = isEventId(afterId) ? afterId : '-';
  const rows = await redis.xrange(key, start, '+', 'COUNT', limit + 1);
  const gap = rows[0]?.[0] !== afterId;
  const events: StoredEvent[] = [];
  for (const [id, fields] of rows) {
    if (id === afterId || events.length === limit) continue;
    const event = decodeFields(fields, key, id, logger);
    if (event.ok) events.push({ id, event: event.value });
  }
  return { events, gap };
}

function decodeFields(fields: string[], key: string, id: string, logger: BusLogger) {
  const index = fields.indexOf(EVENT_FIELD);
  const raw = index % 2 === 0 ? fields[index + 1] : undefined;
  try {
    if (raw === undefined) throw new Error(`no "${EVENT_FIELD}" field`);
    return { ok: true as const, value: JSON.parse(raw) as unknown };
  } catch (error) {
    logger.warn({ err: error, stream: key, id }, 'bus: skipped a stream entry that is not a bus event');
    return { ok: false as const };
  }
}

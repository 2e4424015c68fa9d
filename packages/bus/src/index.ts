export type { MemoryBusOptions } from './create-memory-bus.js';
export { createMemoryBus } from './create-memory-bus.js';
export type { RedisBusOptions } from './create-redis-bus.js';
export { createRedisBus } from './create-redis-bus.js';
export { compareEventIds, isEventId } from './event-ids.js';
export type { ExecGatewayMessage, ExecStreamMessage } from './exec-stream.js';
export { publishExecStream, ZExecStreamMessageSchema } from './exec-stream.js';
export type { GatewayMessage, OrgEvent, PublishedOrgEvent } from './live-events.js';
export { ORG_EVENT_REPLAY, publishOrgEvent, ZGatewayMessageSchema } from './live-events.js';
export type { LogStreamMessage } from './log-stream.js';
export { publishLogStream, ZLogStreamMessageSchema } from './log-stream.js';
export { matchGlob } from './match-glob.js';
export { channels, keys, parseOrgEventsChannel, patterns, streams } from './names.js';
export type {
  Bus,
  BusLogger,
  MessageHandler,
  ReadEventsResult,
  StoredEvent,
  Unsubscribe,
} from './types.js';

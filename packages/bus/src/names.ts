/**
 * Every channel, key and stream name Berth uses on the bus, in one place. Names are relative: the Redis bus
 * adds its deployment prefix (default `berth:`), so `org:<id>:events` is `berth:org:<id>:events` on the wire.
 *
 * Ids are restricted to `[A-Za-z0-9_.-]` so that no id can contain `:` or a glob character and make a
 * pattern such as `org:*:events` match a channel it should not.
 */
const SEGMENT = /^[A-Za-z0-9_.-]{1,128}$/;

function segment(kind: string, id: string): string {
  if (!SEGMENT.test(id))
    throw new TypeError(`${kind} must match ${SEGMENT.source}, got ${JSON.stringify(id)}`);
  return id;
}

export const channels = {
  /** Actions for one host; the gateway holding the host's socket subscribes while it is connected. */
  hostActions: (hostId: string) => `host:${segment('hostId', hostId)}:actions`,
  /** Actions routed to one gateway instance (after a presence lookup), for all hosts it holds. */
  gatewayActions: (gatewayId: string) => `gateway:${segment('gatewayId', gatewayId)}:actions`,
  /** Small live change events of one organisation (container state, host online/offline, action done). */
  orgEvents: (orgId: string) => `org:${segment('orgId', orgId)}:events`,
  /** Lines of one live log stream (agent → gateway → the API request that asked for it). */
  logStream: (streamId: string) => `logs:${segment('streamId', streamId)}`,
  /** Output and end of one exec terminal session (agent → gateway → the API socket that opened it). */
  execStream: (sessionId: string) => `exec:${segment('sessionId', sessionId)}`,
} as const;

export const patterns = {
  /** Every organisation's live events, for a process that fans out to all orgs' browsers. */
  allOrgEvents: 'org:*:events',
} as const;

/** The org id of an `orgEvents` channel (as delivered to a `patterns.allOrgEvents` handler), else null. */
export function parseOrgEventsChannel(channel: string): string | null {
  const match = /^org:([^:]+):events$/.exec(channel);
  return match?.[1] && SEGMENT.test(match[1]) ? match[1] : null;
}

export const keys = {
  /** Which gateway instance holds the host's socket; value is the gateway id, kept alive by heartbeats. */
  presence: (hostId: string) => `presence:host:${segment('hostId', hostId)}`,
  /** A granted exec session's one-time socket ticket (value: the grant as JSON; short TTL). */
  execTicket: (ticket: string) => `exec:ticket:${segment('ticket', ticket)}`,
} as const;

export const streams = {
  /** Replay buffer of `channels.orgEvents`, so a browser reconnecting with Last-Event-ID can resume. */
  orgEvents: (orgId: string) => `stream:org:${segment('orgId', orgId)}:events`,
} as const;

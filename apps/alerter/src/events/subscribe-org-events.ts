import type { Unsubscribe } from '@berth/bus';
import { type Bus, parseOrgEventsChannel, patterns } from '@berth/bus';

/**
 * The gateway's per-batch events of every organisation (`org:*:events`): each names the host
 * whose committed batch changed readings, container states, presence or check runs. The alerter only
 * learns which host to look at; what holds is read back from the database. `urgent`: the event
 * says something changed that rules alert on at once — a container's state (died, OOM,
 * unhealthy, removed), the host's presence, a check down — rather than readings that move with
 * every batch (samples, log lines), which may wait for the organisation's evaluation window.
 */
export function subscribeOrgEvents(
  bus: Bus,
  onHost: (orgId: string, hostId: string, urgent: boolean) => void,
): Promise<Unsubscribe> {
  return bus.psubscribe(
    patterns.allOrgEvents,
    (message, channel) => {
      const orgId = parseOrgEventsChannel(channel);
      if (!orgId || typeof message !== 'object' || message === null) return;
      const { type, hostId, down } = message as { type?: unknown; hostId?: unknown; down?: unknown };
      if (type !== 'samples' && type !== 'container.state' && type !== 'host.status' && type !== 'checks')
        return;
      if (typeof hostId !== 'string' || !/^[0-9a-f-]{36}$/.test(hostId)) return;
      const urgent =
        type === 'container.state' ||
        type === 'host.status' ||
        (type === 'checks' && typeof down === 'number' && down > 0);
      onHost(orgId, hostId, urgent);
    },
    peekOrgEvent,
  );
}

/**
 * The gateway publishes `{"type":…,"hostId":…,…}` (JSON.stringify keeps the keys' order,
 * publish-batch-events.ts) and every batch's `samples` event carries the host's newest sample
 * of each container, which the alerter never reads: when the message starts with a type that
 * needs nothing more and a plain host id, those two are taken from its first bytes and the rest
 * is not parsed (the largest part of the alerter's CPU per ingested row went to JSON.parse of
 * these, docs/benchmarks.md). Anything else (`checks`, whose `down` counts, another shape) is
 * parsed whole, as before.
 */
const PEEK = /^\{"type":"(samples|container\.state|host\.status)","hostId":"([0-9a-f-]{36})"[,}]/;

export function peekOrgEvent(raw: string): unknown {
  const peeked = PEEK.exec(raw);
  if (peeked) return { type: peeked[1], hostId: peeked[2] };
  return JSON.parse(raw);
}

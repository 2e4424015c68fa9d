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
  return bus.psubscribe(patterns.allOrgEvents, (message, channel) => {
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
  });
}

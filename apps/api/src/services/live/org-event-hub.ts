import { type Bus, type PublishedOrgEvent, parseOrgEventsChannel, patterns } from '@berth/bus';

type Listener = (event: PublishedOrgEvent) => void;

export type OrgEventHub = { add(orgId: string, listener: Listener): Promise<() => void> };

/**
 * One bus subscription per API instance (all organisations' events), fanned out in
 * memory to the listeners of each org — not one Redis subscription per browser.
 */
export function createOrgEventHub(bus: Bus, onError: (error: unknown) => void): OrgEventHub {
  const listeners = new Map<string, Set<Listener>>();
  let subscribed: Promise<unknown> | undefined;
  const deliver = (message: unknown, channel: string) => {
    const orgId = parseOrgEventsChannel(channel);
    const set = orgId ? listeners.get(orgId) : undefined;
    if (!set) return;
    for (const listener of set) {
      try {
        listener(message as PublishedOrgEvent);
      } catch (error) {
        onError(error);
      }
    }
  };
  return {
    async add(orgId, listener) {
      subscribed ??= bus.psubscribe(patterns.allOrgEvents, deliver);
      await subscribed;
      const set = listeners.get(orgId) ?? new Set();
      listeners.set(orgId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(orgId);
      };
    },
  };
}

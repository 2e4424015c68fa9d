import { ZStreamQuerySchema } from '@berth/api-contract';
import { compareEventIds, isEventId, type PublishedOrgEvent, streams } from '@berth/bus';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { hostScopeOf } from '../../services/fleet/host-scope.js';
import { inOrg } from '../../services/in-org.js';
import { openSse } from '../../services/live/open-sse.js';
import { createOrgEventHub } from '../../services/live/org-event-hub.js';

/**
 * GET /api/v1/stream — Server-Sent Events of the caller's organisation only (and of the hosts
 * their teams may see): host
 * online/offline, container state, action status, latest samples. A client reconnecting
 * with Last-Event-ID gets what it missed from the replay buffer, or a `reset` event
 * (reload state) when that is no longer available.
 */
export function registerStreamEvents(app: ApiApp, ctx: ApiContext): void {
  const hub = createOrgEventHub(ctx.bus, (error) =>
    ctx.log.warn({ err: error }, 'live event listener failed'),
  );
  app.get(
    '/api/v1/stream',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Live events of the organisation (text/event-stream)',
        tags: ['live'],
        querystring: ZStreamQuerySchema,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { orgId } = principal;
      // A member of a team limited to some hosts sees only their events (as in every list);
      // the scope is taken when the stream opens: a change applies from the next reconnect.
      const scope = await inOrg(ctx, principal, (tx) => hostScopeOf(tx, principal));
      const visible = scope === null ? null : new Set(scope);
      const header = request.headers['last-event-id'];
      const lastEventId = (typeof header === 'string' ? header : undefined) ?? request.query.lastEventId;
      const sse = openSse(request, reply);
      // Subscribe before replaying so nothing published in between is missed; events that
      // arrive during the replay wait, and any the replay already sent are skipped by id.
      let lastSent = lastEventId && isEventId(lastEventId) ? lastEventId : '0-0';
      const send = (event: PublishedOrgEvent) => {
        if (compareEventIds(event.id, lastSent) <= 0) return;
        lastSent = event.id;
        if (visible && event.hostId !== null && !visible.has(event.hostId)) return;
        sse.send(event.type, event, event.id);
      };
      const buffered: PublishedOrgEvent[] = [];
      let replaying = true;
      const remove = await hub.add(orgId, (event) => (replaying ? buffered.push(event) : send(event)));
      if (lastEventId) {
        const replay = isEventId(lastEventId)
          ? await ctx.bus.readEventsAfter(streams.orgEvents(orgId), lastEventId, 1000)
          : { events: [], gap: true };
        if (replay.gap) sse.send('reset', { reason: 'missed events are no longer available: reload' });
        for (const { id, event } of replay.events) send({ ...(event as PublishedOrgEvent), id });
      }
      replaying = false;
      for (const event of buffered) send(event);
      await sse.closed;
      remove();
    },
  );
}

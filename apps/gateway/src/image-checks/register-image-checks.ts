import { type SecretBox, withOrgClient } from '@berth/db/sql';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext, ImageCheckSettings } from '../context.js';
import { dispatchImageChecks, type SentRequest } from './dispatch-image-checks.js';
import { RELEASE_LEASES } from './image-check-sql.js';
import { recordImageCheckResults } from './record-image-check-results.js';

const DEFAULT_LEASE_MS = 120_000;

export type ImageCheckSweeps = {
  /** One sweep now over this gateway's sessions (the timer's, callable by tests). */
  sweep(): Promise<void>;
  stop(): void;
};

/**
 * Image update checks over this gateway's agents: every `sweepMs` each organisation with hosts
 * here gets its due checks leased to hosts that run the references (dispatchImageChecks), and
 * the answers are written back under those leases. Several gateways sweep at once safely: the
 * claim skips what another has leased.
 */
export function registerImageChecks(
  ctx: GatewayContext,
  settings: ImageCheckSettings,
  /** Opens the organisations' registry credentials; null: checks go out without them. */
  box: SecretBox | null,
): ImageCheckSweeps {
  const leaseMs = settings.leaseMs ?? DEFAULT_LEASE_MS;
  const requests = new Map<string, SentRequest>();
  let running: Promise<void> | null = null;

  async function sweepOnce(): Promise<void> {
    const now = Date.now();
    for (const [id, request] of requests) if (request.expiresAt < now) requests.delete(id);
    const byOrg = new Map<string, AgentSession[]>();
    for (const session of ctx.sessions.all()) {
      if (session.state !== 'streaming' || !session.capabilities.includes('image_check')) continue;
      const list = byOrg.get(session.identity.orgId) ?? [];
      list.push(session);
      byOrg.set(session.identity.orgId, list);
    }
    for (const [orgId, sessions] of byOrg) {
      try {
        const sent = await dispatchImageChecks(ctx, orgId, sessions, { leaseMs, box });
        for (const [id, request] of sent) requests.set(id, request);
      } catch (error) {
        ctx.log.warn({ err: error, orgId }, 'image checks not dispatched');
      }
    }
  }

  const sweep = (): Promise<void> => {
    running ??= sweepOnce().finally(() => {
      running = null;
    });
    return running;
  };

  ctx.sessions.onAgentFrame((session, frame) => {
    if (frame.type !== 'image_check_result') return;
    const request = requests.get(frame.requestId);
    // Unknown (expired, or never sent to this host): nothing to write.
    if (!request || request.hostId !== session.identity.hostId) return;
    requests.delete(frame.requestId);
    recordImageCheckResults(ctx, request, frame, settings.intervalS).catch((error: unknown) =>
      ctx.log.warn({ err: error, hostId: request.hostId }, 'image check results not recorded'),
    );
  });

  ctx.sessions.onClosed((session) => {
    const { hostId, orgId } = session.identity;
    const open = [...requests].filter(([, request]) => request.hostId === hostId).map(([id]) => id);
    if (open.length === 0) return;
    for (const id of open) requests.delete(id);
    withOrgClient(ctx.pool, orgId, (client) => client.query(RELEASE_LEASES, [hostId, open])).catch(
      (error: unknown) => ctx.log.warn({ err: error, hostId }, 'image check leases not released'),
    );
  });

  const timer = settings.sweepMs > 0 ? setInterval(() => void sweep(), settings.sweepMs) : null;
  timer?.unref();
  return {
    sweep,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

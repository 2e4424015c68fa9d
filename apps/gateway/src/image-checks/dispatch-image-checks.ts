import { randomUUID } from 'node:crypto';
import { type SecretBox, withOrgClient } from '@berth/db/sql';
import {
  type FleetDigest,
  type ImageCheckItem,
  type ImagePlatform,
  LIMITS,
  MAX_IMAGE_CHECKS_PER_FRAME,
  MAX_INDEX_RESOLVES_PER_ITEM,
  type RegistryLogin,
} from '@berth/protocol';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';
import { CLAIM_DUE, SETTLE_CHILDREN, SYNC_CHECKS } from './image-check-sql.js';
import { loadRegistryLogins, registryOf } from './registry-logins.js';

type ClaimedRow = {
  id: string;
  image: string;
  platform: string;
  host_id: string;
  request_id: string;
  repo_digests: string[];
  /** Unknown ones first (see CLAIM_DUE). */
  fleet_digests: FleetDigest[];
};

/**
 * What the gateway remembers of a request until its answer: per item, the local digests it sent
 * and the fleet digests it asked to have resolved.
 */
export type SentRequest = {
  orgId: string;
  hostId: string;
  digests: Map<string, string[]>;
  judged: Map<string, string[]>;
  expiresAt: number;
};

/**
 * The fleet digests one item carries: the unknown ones the agent may resolve in this check, then
 * the known ones (so it makes no GET for what was resolved before), within the frame's bound.
 */
function fleetDigestsToSend(fleet: readonly FleetDigest[]): FleetDigest[] {
  const unknown = fleet.filter((entry) => entry.platformDigest === undefined);
  const known = fleet.filter((entry) => entry.platformDigest !== undefined);
  return [...unknown.slice(0, MAX_INDEX_RESOLVES_PER_ITEM), ...known].slice(0, LIMITS.maxRepoDigests);
}

/** `linux/arm64/v8` → { os, architecture, variant }. */
export function toPlatform(key: string): ImagePlatform {
  const [os = '', architecture = '', variant] = key.split('/');
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/**
 * One organisation's due checks among the given sessions (all of that organisation, all with the
 * `image_check` capability): rows for what they run, leases to one runner per reference, and
 * one `image_check` frame per chosen host. Returns the requests sent, by request id.
 */
export async function dispatchImageChecks(
  ctx: GatewayContext,
  orgId: string,
  sessions: readonly AgentSession[],
  options: { leaseMs: number; box: SecretBox | null },
): Promise<Map<string, SentRequest>> {
  const { leaseMs } = options;
  const hosts = sessions.map((session) => session.identity.hostId);
  const requestIds = hosts.map(() => randomUUID());
  const { rows, logins } = await withOrgClient(ctx.pool, orgId, async (client) => {
    await client.query(SYNC_CHECKS, [hosts]);
    await client.query(SETTLE_CHILDREN);
    const claimed = await client.query<ClaimedRow>(CLAIM_DUE, [
      hosts,
      requestIds,
      leaseMs,
      MAX_IMAGE_CHECKS_PER_FRAME * hosts.length,
    ]);
    const registries = claimed.rows.map((row) => registryOf(row.image));
    const found = options.box ? await loadRegistryLogins(client, options.box, orgId, registries) : [];
    return { rows: claimed.rows, logins: found };
  });
  const byRequest = new Map<string, { hostId: string; items: ImageCheckItem[] }>();
  for (const row of rows) {
    const entry = byRequest.get(row.request_id) ?? { hostId: row.host_id, items: [] };
    entry.items.push({
      id: row.id,
      image: row.image,
      repoDigests: row.repo_digests.slice(0, LIMITS.maxRepoDigests),
      platform: toPlatform(row.platform),
      fleetDigests: fleetDigestsToSend(row.fleet_digests),
    });
    byRequest.set(row.request_id, entry);
  }
  const sent = new Map<string, SentRequest>();
  for (const [requestId, { hostId, items }] of byRequest) {
    const session = sessions.find((candidate) => candidate.identity.hostId === hostId);
    // A host running more than a frame's worth of references gets the rest once their lease
    // runs out (a later sweep).
    const frameItems = items.slice(0, MAX_IMAGE_CHECKS_PER_FRAME);
    const needed = new Set(frameItems.map((item) => registryOf(item.image)));
    const credentials: RegistryLogin[] = logins.filter((login) => needed.has(login.registry));
    session?.send({
      type: 'image_check',
      requestId,
      items: frameItems,
      ...(credentials.length > 0 ? { credentials } : {}),
    });
    sent.set(requestId, {
      orgId,
      hostId,
      digests: new Map(
        frameItems.map((item) => [item.id, item.repoDigests.map((d) => d.split('@')[1] ?? '')]),
      ),
      judged: new Map(
        frameItems.map((item) => [
          item.id,
          (item.fleetDigests ?? []).filter((e) => e.platformDigest === undefined).map((e) => e.digest),
        ]),
      ),
      expiresAt: Date.now() + leaseMs,
    });
  }
  return sent;
}

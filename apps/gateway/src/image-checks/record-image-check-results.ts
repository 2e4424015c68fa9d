import { withOrgClient } from '@berth/db/sql';
import type { ImageCheckResultFrame } from '@berth/protocol';
import type { GatewayContext } from '../context.js';
import type { SentRequest } from './dispatch-image-checks.js';
import { RECORD_CHILDREN, RECORD_OUTCOMES } from './image-check-sql.js';

/**
 * Stores one host's answers under the lease they were sent with; returns how many rows took
 * them (fewer when a lease ran out and another host has the check now).
 */
export async function recordImageCheckResults(
  ctx: GatewayContext,
  request: SentRequest,
  frame: ImageCheckResultFrame,
  defaultIntervalS: number,
): Promise<number> {
  const outcomes = frame.results
    .filter((result) => request.digests.has(result.id))
    .map((result) => ({
      id: result.id,
      status: result.status,
      error: result.error ?? null,
      remoteDigest: result.remoteDigest ?? null,
      platformDigest: result.platformDigest ?? null,
      checkedDigests: request.digests.get(result.id) ?? [],
      judgedDigests: request.judged.get(result.id) ?? [],
      newest: result.newest ?? null,
      rateLimit: result.rateLimit ?? null,
    }));
  if (outcomes.length === 0) return 0;
  const children = frame.results
    .filter((result) => request.digests.has(result.id))
    .flatMap((result) => [
      ...(result.platformChildren ?? []).map((child) => ({ id: result.id, ...child })),
      // An agent before platformChildren still names the tag's child when it fetched it.
      ...(result.remoteDigest && result.platformDigest
        ? [{ id: result.id, digest: result.remoteDigest, platformDigest: result.platformDigest }]
        : []),
    ]);
  return withOrgClient(ctx.pool, request.orgId, async (client) => {
    const updated = await client.query<{ id: string }>(RECORD_OUTCOMES, [
      request.hostId,
      frame.requestId,
      JSON.stringify(outcomes),
      defaultIntervalS,
    ]);
    const written = updated.rows.map((row) => row.id);
    // Under the same lease as the verdict: a late or forged answer teaches nothing either.
    if (written.length > 0 && children.length > 0)
      await client.query(RECORD_CHILDREN, [written, JSON.stringify(children)]);
    return updated.rowCount ?? 0;
  });
}

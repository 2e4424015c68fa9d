import { AUTO_UPDATE_ACTOR, type AutoUpdateSettings, autoUpdateWindowOpen } from '@berth/api-contract';
import { type Bus, channels, keys, publishOrgEvent } from '@berth/bus';
import { withOrgClient } from '@berth/db/sql';
import type pg from 'pg';
import type { AlerterLogger } from '../logger.js';
import { autoCandidates, type CandidateRow, startRollouts } from './auto-candidates.js';
import { loadPolicyResolver, type PolicyResolver } from './container-policy-rules.js';

/** Time for the pull, the stop and the recreate on top of the health wait (as the API's Update). */
const PULL_AND_RECREATE_S = 600;

export type AutoUpdateDeps = { pool: pg.Pool; bus: Bus; log: AlerterLogger };

export type DispatchedUpdate = {
  rolloutId: string;
  actionId: string;
  hostId: string;
  containerId: string;
  name: string;
  image: string;
};

export type AutoUpdatePassResult = {
  dispatched: DispatchedUpdate[];
  /** Rollouts that ended in this pass. */
  finished: { rolloutId: string; status: 'succeeded' | 'failed'; failure: string | null }[];
};

type RolloutRow = {
  id: string;
  image: string;
  platform: string;
  dispatched: string[];
  current_action_id: string | null;
  action_status: string | null;
  action_output: string | null;
  action_host_id: string | null;
};

const IN_FLIGHT = new Set(['queued', 'sent', 'running']);

/**
 * One organisation's automatic-update step (docs/image-updates.md "Automatic updates"), in one
 * transaction: records how the updates in flight ended (a failure stops its rollout, with the
 * container and the agent's reason), then — only while the window is open — starts a rollout
 * per image reference with an `auto` container to update, and dispatches the NEXT container of
 * each rollout whose previous update succeeded: an `auto` container on a host whose agent can
 * update, as an audited `container.update` with actor "auto-update". Each rollout row is taken
 * FOR UPDATE SKIP LOCKED and carries its update in flight, so concurrent runners (two
 * alerters) dispatch every update once. The gateway is nudged after the commit.
 */
export async function runAutoUpdates(
  deps: AutoUpdateDeps,
  orgId: string,
  now: Date,
): Promise<AutoUpdatePassResult> {
  const result = await withOrgClient(deps.pool, orgId, async (client) => {
    const out: AutoUpdatePassResult = { dispatched: [], finished: [] };
    const settings = await readSettings(client);
    const open = autoUpdateWindowOpen(settings, now);
    const policyOf = open ? await loadPolicyResolver(client) : null;
    if (policyOf) await startRollouts(client, orgId, policyOf);
    const { rows: rollouts } = await client.query<RolloutRow>(
      `SELECT r.id, r.image, r.platform, r.dispatched, r.current_action_id,
              a.status::text AS action_status, a.output AS action_output,
              a.host_id AS action_host_id
         FROM auto_update_rollouts r LEFT JOIN actions a ON a.id = r.current_action_id
        WHERE r.status = 'running'
        ORDER BY r.created_at
          FOR UPDATE OF r SKIP LOCKED`,
    );
    if (rollouts.length === 0) return out;
    for (const rollout of rollouts) {
      if (rollout.current_action_id && rollout.action_status) {
        if (IN_FLIGHT.has(rollout.action_status)) continue;
        if (rollout.action_status !== 'succeeded') {
          const failure = `${rollout.action_status}: ${rollout.action_output ?? 'no output'}`.slice(0, 2000);
          await client.query(
            `UPDATE auto_update_rollouts SET status = 'failed', failure = $2, failed_host_id = $3,
                    failed_container = $4, finished_at = $5, updated_at = $5 WHERE id = $1`,
            [rollout.id, failure, rollout.action_host_id, lastName(rollout.dispatched), now],
          );
          out.finished.push({ rolloutId: rollout.id, status: 'failed', failure });
          continue;
        }
      }
      if (!policyOf) continue;
      const { next, remaining } = await nextCandidate(client, rollout, policyOf);
      if (!next) {
        await client.query(
          `UPDATE auto_update_rollouts SET status = 'succeeded', current_action_id = NULL, remaining = 0,
                  finished_at = $2, updated_at = $2 WHERE id = $1`,
          [rollout.id, now],
        );
        out.finished.push({ rolloutId: rollout.id, status: 'succeeded', failure: null });
        continue;
      }
      const image = pullReference(next.container.image);
      const healthTimeoutS = settings?.healthTimeoutS ?? 60;
      const params = { image, healthTimeoutS };
      const deadline = new Date(now.getTime() + Math.min(3600, PULL_AND_RECREATE_S + healthTimeoutS) * 1000);
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO actions (org_id, host_id, container_short_id, verb, params, deadline)
         VALUES ($1, $2, $3, 'container.update', $4::jsonb, $5) RETURNING id`,
        [orgId, next.container.host_id, next.container.short_id, JSON.stringify(params), deadline],
      );
      const actionId = rows[0]?.id as string;
      await client.query(
        `INSERT INTO audit_logs (org_id, action, target_type, target_id, details, user_agent)
         VALUES ($1, 'action.container.update', 'container', $2, $3::jsonb, $4)`,
        [
          orgId,
          `${next.container.host_id}/${next.container.short_id}`,
          JSON.stringify({
            actionId,
            params,
            deadline: deadline.toISOString(),
            actor: AUTO_UPDATE_ACTOR,
            rolloutId: rollout.id,
            policy: next.policy.policy,
            policySource: next.policy.source,
            confirmed: false,
          }),
          AUTO_UPDATE_ACTOR,
        ],
      );
      await client.query(
        `UPDATE auto_update_rollouts SET current_action_id = $2, dispatched = dispatched || $3::text,
                remaining = $5, updated_at = $4 WHERE id = $1`,
        [rollout.id, actionId, `${next.container.host_id}/${next.container.name}`, now, remaining],
      );
      out.dispatched.push({
        rolloutId: rollout.id,
        actionId,
        hostId: next.container.host_id,
        containerId: next.container.short_id.trim(),
        name: next.container.name,
        image,
      });
    }
    return out;
  });
  for (const update of result.dispatched) await announce(deps, orgId, update, now);
  return result;
}

async function readSettings(client: pg.ClientBase): Promise<AutoUpdateSettings | null> {
  const { rows } = await client.query<AutoUpdateSettings>(
    `SELECT enabled, time_zone AS "timeZone", weekdays, start_minute AS "startMinute",
            duration_minutes AS "durationMinutes", health_timeout_s AS "healthTimeoutS"
       FROM auto_update_settings`,
  );
  return rows[0] ?? null;
}

/**
 * The rollout's next container, one host at a time in a stable order (host name, then container
 * name): still outdated, not dispatched in this rollout, `auto` by the update policies, on a
 * host that is not revoked and whose agent updates containers (not read-only); and how many
 * such containers wait after it. Containers that are not `auto` are left for a person; they do
 * not stop the rollout.
 */
async function nextCandidate(client: pg.ClientBase, rollout: RolloutRow, policyOf: PolicyResolver) {
  const { rows } = await client.query<CandidateRow>(
    `SELECT u.host_id, u.short_id, u.name, u.image, u.platform, c.labels, h.capabilities
       FROM container_image_updates u
       JOIN containers c ON c.host_id = u.host_id AND c.short_id = u.short_id
       JOIN hosts h ON h.id = u.host_id
      WHERE u.image = $1 AND u.platform = $2 AND u.status = 'update_available'
        AND h.revoked_at IS NULL AND NOT (u.host_id::text || '/' || u.name = ANY ($3::text[]))
      ORDER BY h.name, h.id, u.name`,
    [rollout.image, rollout.platform, rollout.dispatched],
  );
  const [next, ...rest] = autoCandidates(rows, policyOf);
  return { next, remaining: rest.length };
}

/** The reference to pull: the container's own (a new digest under its tag; no tag is `latest`). */
function pullReference(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  return image.indexOf(':', lastSlash + 1) === -1 ? `${image}:latest` : image;
}

function lastName(dispatched: readonly string[]): string | null {
  const last = dispatched.at(-1);
  return last ? last.slice(last.indexOf('/') + 1) : null;
}

/** `queued` for the org's browsers, then a nudge to the gateway holding the host (as the API does). */
async function announce(deps: AutoUpdateDeps, orgId: string, update: DispatchedUpdate, now: Date) {
  try {
    await publishOrgEvent(deps.bus, orgId, {
      type: 'action.status',
      actionId: update.actionId,
      hostId: update.hostId,
      containerId: update.containerId,
      verb: 'container.update',
      status: 'queued',
      output: null,
      at: now.toISOString(),
    });
    const gatewayId = await deps.bus.getKey(keys.presence(update.hostId));
    if (gatewayId)
      await deps.bus.publish(channels.gatewayActions(gatewayId), {
        kind: 'action',
        hostId: update.hostId,
        actionId: update.actionId,
      });
  } catch (error) {
    // The action is queued: the gateway delivers it on the host's next hello.
    deps.log.warn({ err: error, actionId: update.actionId }, 'could not announce an automatic update');
  }
}

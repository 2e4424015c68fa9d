import {
  type AutoUpdateRollout,
  type AutoUpdateSettings,
  type AutoUpdatesView,
  autoUpdateWindowOpen,
} from '@berth/api-contract';
import type { Tx } from '@berth/db';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { inOrg } from '../in-org.js';

/** The rollouts shown: the newest, running ones first. */
const ROLLOUT_LIMIT = 50;

type RolloutRow = {
  id: string;
  image: string;
  platform: string;
  remoteDigest: string;
  status: AutoUpdateRollout['status'];
  currentActionId: string | null;
  dispatched: string[];
  remaining: number;
  failedHostId: string | null;
  failedContainer: string | null;
  failure: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

/**
 * GET /api/v1/auto-updates: the settings, whether the window is open now, the recent rollouts.
 * A caller limited to some hosts sees the rollouts that dispatched to one of them, naming only
 * those (a rollout names a host per container).
 */
export async function getAutoUpdates(ctx: ApiContext, principal: Principal): Promise<AutoUpdatesView> {
  return inOrg(ctx, principal, async (tx) => {
    const settings = await readSettings(tx);
    const scope = await hostScopeOf(tx, principal);
    const rollouts = await tx.$queryRaw<RolloutRow[]>`
      SELECT id, image, platform, remote_digest AS "remoteDigest", status, current_action_id AS "currentActionId",
             dispatched, remaining, failed_host_id AS "failedHostId", failed_container AS "failedContainer", failure,
             created_at AS "createdAt", finished_at AS "finishedAt"
        FROM auto_update_rollouts ORDER BY (status = 'running') DESC, created_at DESC LIMIT ${ROLLOUT_LIMIT}`;
    return {
      settings,
      windowOpen: autoUpdateWindowOpen(settings, new Date()),
      rollouts: (scope === null ? rollouts : scopedRollouts(rollouts, new Set(scope))).map((row) => ({
        ...row,
        createdAt: row.createdAt.toISOString(),
        finishedAt: row.finishedAt?.toISOString() ?? null,
      })),
    };
  });
}

/** PUT /api/v1/auto-updates/settings: replaces the settings, audited with the ones replaced. */
export async function setAutoUpdateSettings(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  body: AutoUpdateSettings,
): Promise<AutoUpdateSettings> {
  return inOrg(ctx, principal, async (tx) => {
    const previous = await readSettings(tx);
    await tx.$executeRaw`
      INSERT INTO auto_update_settings (org_id, enabled, time_zone, weekdays, start_minute, duration_minutes, health_timeout_s)
      VALUES (${principal.orgId}::uuid, ${body.enabled}, ${body.timeZone}, ${body.weekdays}::smallint[], ${body.startMinute},
              ${body.durationMinutes}, ${body.healthTimeoutS})
      ON CONFLICT (org_id) DO UPDATE SET enabled = EXCLUDED.enabled, time_zone = EXCLUDED.time_zone,
        weekdays = EXCLUDED.weekdays, start_minute = EXCLUDED.start_minute,
        duration_minutes = EXCLUDED.duration_minutes, health_timeout_s = EXCLUDED.health_timeout_s, updated_at = now()`;
    await writeAudit(tx, principal, request, {
      action: 'auto_update_settings.set',
      targetType: 'organization',
      targetId: principal.orgId,
      details: { ...body, previous },
    });
    return body;
  });
}

function scopedRollouts(rows: readonly RolloutRow[], visible: ReadonlySet<string>): RolloutRow[] {
  const seen = (entry: string) => visible.has(entry.slice(0, entry.indexOf('/')));
  return rows.flatMap((row) => {
    const dispatched = row.dispatched.filter(seen);
    if (dispatched.length === 0) return [];
    const failedSeen = row.failedHostId !== null && visible.has(row.failedHostId);
    return [
      {
        ...row,
        dispatched,
        failedHostId: failedSeen ? row.failedHostId : null,
        failedContainer: failedSeen ? row.failedContainer : null,
      },
    ];
  });
}

async function readSettings(tx: Tx): Promise<AutoUpdateSettings | null> {
  const rows = await tx.$queryRaw<(Omit<AutoUpdateSettings, 'weekdays'> & { weekdays: number[] })[]>`
    SELECT enabled, time_zone AS "timeZone", weekdays, start_minute AS "startMinute",
           duration_minutes AS "durationMinutes", health_timeout_s AS "healthTimeoutS"
      FROM auto_update_settings`;
  const row = rows[0];
  return row ? { ...row, weekdays: row.weekdays.map(Number) } : null;
}

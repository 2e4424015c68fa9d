import { crossTenantClaimDueNotifications } from '@berth/db/alerting';
import { type SecretBox, withOrgClient } from '@berth/db/sql';
import {
  type DeliveryOutcome,
  deliver,
  redactSecrets,
  type SendContext,
  ZNotificationSchema,
} from '@berth/notify';
import type pg from 'pg';
import type { AlerterLogger } from '../logger.js';
import type { ClaimedAtBirth, NotificationRow } from './flush-groups.js';
import { type ChannelRow, openChannel } from './open-channel.js';
import { retryDelayMs } from './retry-delay.js';

export type DeliveryDeps = {
  pool: pg.Pool;
  box: SecretBox;
  send: SendContext;
  maxAttempts: number;
  leaseMs: number;
  log: AlerterLogger;
  /** Log each delivery's stages as a `stage delivery` line (ALERTER_TRACE_STAGES, bench:alerts). */
  traceStages?: boolean;
};

export type DeliveryResult = {
  id: string;
  state: 'sent' | 'queued' | 'failed' | 'suppressed' | 'lost_lease';
};

/**
 * One delivery round: claims due notifications of every organisation (SKIP LOCKED, with a
 * lease), sends each with @berth/notify and records the outcome under its organisation's
 * scope. The notification id is the receiver's idempotency key, so a retry after a lost answer
 * is not shown twice where the receiver dedupes.
 */
export async function deliverDueNotifications(
  deps: DeliveryDeps,
  now: Date,
  max = 20,
): Promise<DeliveryResult[]> {
  const claiming = Date.now();
  const claimed = await crossTenantClaimDueNotifications(deps.pool, { at: now, leaseMs: deps.leaseMs, max });
  const stamps = { claiming, claimed: Date.now() };
  return Promise.all(
    claimed.map((claim) =>
      traced(deps, claim.id, stamps, deliverOne(deps, claim.orgId, claim.id, claim.leaseToken, now)),
    ),
  );
}

/**
 * Sends notifications a transition wrote already claimed (flush-groups.ts, `claim`), once its
 * transaction committed: no claim round, no read — the row and channel came with the flush.
 * The outcome is recorded under the birth lease, as a round's is under its claim.
 */
export async function deliverClaimedAtBirth(
  deps: DeliveryDeps,
  claims: readonly ClaimedAtBirth[],
  now: Date,
): Promise<DeliveryResult[]> {
  const at = Date.now();
  const stamps = { claiming: at, claimed: at };
  return Promise.all(
    claims.map((claim) =>
      traced(
        deps,
        claim.row.id,
        stamps,
        sendClaimed(deps, claim.row, { ...claim.channel, enabled: true }, claim.leaseToken, now),
      ),
    ),
  );
}

/** A delivery's result, an unexpected failure logged (the lease runs out and it is retried). */
function traced(
  deps: DeliveryDeps,
  id: string,
  stamps: { claiming: number; claimed: number },
  delivery: Promise<DeliveryResult>,
): Promise<DeliveryResult> {
  return delivery
    .catch((error: unknown) => {
      deps.log.error({ err: error, notificationId: id }, 'delivery failed unexpectedly');
      return { id, state: 'queued' as const };
    })
    .then((result) => {
      if (deps.traceStages)
        deps.log.info(
          { notificationId: id, ...stamps, recorded: Date.now(), state: result.state },
          'stage delivery',
        );
      return result;
    });
}

async function deliverOne(
  deps: DeliveryDeps,
  orgId: string,
  id: string,
  leaseToken: string,
  now: Date,
): Promise<DeliveryResult> {
  const loaded = await withOrgClient(deps.pool, orgId, async (client) => {
    const n = await client.query<NotificationRow>(
      `SELECT id, org_id, channel_id, payload, alert_ids, attempts FROM notifications
        WHERE id = $1 AND state = 'sending' AND lease_token = $2`,
      [id, leaseToken],
    );
    const row = n.rows[0];
    if (!row) return null;
    const c = await client.query<ChannelRow & { enabled: boolean }>(
      `SELECT id, org_id, kind, config, secrets, enabled FROM notification_channels WHERE id = $1`,
      [row.channel_id],
    );
    return { row, channel: c.rows[0] ?? null };
  });
  if (!loaded) return { id, state: 'lost_lease' };
  return sendClaimed(deps, loaded.row, loaded.channel, leaseToken, now);
}

/** Sends one claimed notification on its channel and records the outcome under the lease. */
async function sendClaimed(
  deps: DeliveryDeps,
  row: NotificationRow,
  channel: (ChannelRow & { enabled: boolean }) | null,
  leaseToken: string,
  now: Date,
): Promise<DeliveryResult> {
  if (!channel?.enabled) {
    return record(deps, row, leaseToken, now, { kind: 'suppressed', error: 'the channel is disabled' });
  }
  let outcome: DeliveryOutcome;
  let secrets: string[] = [];
  try {
    const opened = openChannel(deps.box, channel);
    secrets = opened.secrets;
    outcome = await deliver(opened.config, parsePayload(row.payload), deps.send);
  } catch (error) {
    outcome = { ok: false, retryable: false, retryAfterMs: null, error: (error as Error).message };
  }
  if (outcome.ok) return record(deps, row, leaseToken, now, { kind: 'sent' });
  const error = redactSecrets(outcome.error, secrets).slice(0, 2000);
  if (outcome.retryable && row.attempts < deps.maxAttempts) {
    const at = new Date(now.getTime() + retryDelayMs(row.attempts, outcome.retryAfterMs));
    deps.log.warn(
      { notificationId: row.id, attempts: row.attempts, retryAt: at, error },
      'delivery will be retried',
    );
    return record(deps, row, leaseToken, now, { kind: 'retry', at, error });
  }
  return record(deps, row, leaseToken, now, { kind: 'failed', error });
}

/** The stored payload back into the schema's shape (dates were stored as ISO strings). */
function parsePayload(payload: Record<string, unknown>) {
  const alerts = Array.isArray(payload.alerts) ? payload.alerts : [];
  return ZNotificationSchema.parse({
    ...payload,
    alerts: alerts.map((a: Record<string, unknown>) => ({
      ...a,
      startsAt: new Date(String(a.startsAt)),
      endsAt: a.endsAt ? new Date(String(a.endsAt)) : null,
    })),
  });
}

type Outcome =
  | { kind: 'sent' }
  | { kind: 'retry'; at: Date; error: string }
  | { kind: 'failed'; error: string }
  | { kind: 'suppressed'; error: string };

/** The outcome, fenced by the lease token: a worker whose lease was taken over records nothing. */
async function record(
  deps: DeliveryDeps,
  row: NotificationRow,
  leaseToken: string,
  now: Date,
  outcome: Outcome,
): Promise<DeliveryResult> {
  return withOrgClient(deps.pool, row.org_id, async (client) => {
    const state = outcome.kind === 'retry' ? 'queued' : outcome.kind;
    const updated = await client.query(
      `UPDATE notifications SET state = $3, next_attempt_at = $4, last_error = $5, lease_until = NULL,
              lease_token = NULL, sent_at = CASE WHEN $3 = 'sent' THEN $6::timestamptz END
        WHERE id = $1 AND state = 'sending' AND lease_token = $2`,
      [
        row.id,
        leaseToken,
        state,
        outcome.kind === 'retry' ? outcome.at : now,
        outcome.kind === 'sent' ? null : outcome.error,
        now,
      ],
    );
    if (updated.rowCount === 0) return { id: row.id, state: 'lost_lease' as const };
    if (outcome.kind === 'sent' || outcome.kind === 'failed') {
      await client.query(
        `UPDATE notification_channels SET last_delivery_at = $2, last_delivery_ok = $3, last_delivery_error = $4
          WHERE id = $1`,
        [row.channel_id, now, outcome.kind === 'sent', outcome.kind === 'sent' ? null : outcome.error],
      );
    }
    if (outcome.kind === 'sent') {
      await client.query(
        `UPDATE alerts SET last_notified_at = $2, notify_count = notify_count + 1 WHERE id = ANY($1)`,
        [row.alert_ids, now],
      );
      await client.query(
        `INSERT INTO alert_events (org_id, alert_id, kind, at, details)
         SELECT $1, a.id, 'notified', $3, jsonb_build_object('notificationId', $4::text, 'channelId', $5::text)
           FROM alerts a WHERE a.id = ANY($2)`,
        [row.org_id, row.alert_ids, now, row.id, row.channel_id],
      );
    }
    return { id: row.id, state };
  });
}

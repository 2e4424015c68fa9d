import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { allOf, type HostScope } from './sql-helpers.js';

/**
 * The notification history (issue 15): one row per message to one channel, newest first, with
 * the channel's name, kind and redacted description (never its config: a webhook URL is itself the credential).
 * Runs in the caller's tenant transaction, so RLS keeps other organisations' rows out; the
 * host scope further hides any message that told about an alert of a host the caller may not
 * see (a grouped message shows all its alerts' summaries, so one hidden alert hides it).
 */

export type NotificationQuery = {
  orgId: string;
  scope: HostScope;
  channelId?: string | undefined;
  states: readonly string[];
  alertId?: string | undefined;
  /** Keyset: strictly older than (createdAt, id). */
  after: { createdAt: Date; id: string } | null;
  limit: number;
};

export type NotificationRow = {
  id: string;
  channelId: string;
  channelName: string;
  channelKind: string;
  /** The channel's redacted description ("Slack webhook on hooks.slack.com"). */
  channelTarget: string;
  groupKey: string;
  payload: unknown;
  alertIds: string[];
  state: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export async function listNotifications(tx: Tx, query: NotificationQuery): Promise<NotificationRow[]> {
  const conditions = [Prisma.sql`n.org_id = ${query.orgId}::uuid`];
  if (query.channelId !== undefined) conditions.push(Prisma.sql`n.channel_id = ${query.channelId}::uuid`);
  if (query.states.length > 0) conditions.push(Prisma.sql`n.state = ANY(${[...query.states]}::text[])`);
  if (query.alertId !== undefined) conditions.push(Prisma.sql`${query.alertId}::uuid = ANY(n.alert_ids)`);
  if (query.after !== null)
    conditions.push(
      Prisma.sql`(n.created_at, n.id) < (${query.after.createdAt}::timestamptz, ${query.after.id}::uuid)`,
    );
  if (query.scope !== null)
    conditions.push(Prisma.sql`NOT EXISTS (
      SELECT 1 FROM alerts a WHERE a.id = ANY(n.alert_ids) AND a.host_id IS NOT NULL
         AND NOT (a.host_id = ANY(${[...query.scope]}::uuid[])))`);
  return tx.$queryRaw<NotificationRow[]>`
    SELECT n.id, n.channel_id AS "channelId", c.name AS "channelName", c.kind AS "channelKind",
      c.description AS "channelTarget",
      n.group_key AS "groupKey", n.payload, n.alert_ids::text[] AS "alertIds", n.state, n.attempts,
      n.next_attempt_at AS "nextAttemptAt", n.last_error AS "lastError", n.created_at AS "createdAt",
      n.sent_at AS "sentAt"
    FROM notifications n JOIN notification_channels c ON c.id = n.channel_id AND c.org_id = n.org_id
    WHERE ${allOf(conditions)}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${query.limit}`;
}

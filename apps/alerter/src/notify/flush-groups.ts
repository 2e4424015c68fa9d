import { randomUUID } from 'node:crypto';
import { withOrgClient } from '@berth/db/sql';
import type { NotificationInput } from '@berth/notify';
import type pg from 'pg';
import type { AlertRow } from '../evaluation/alert-transitions.js';
import { loadRules, type Rule } from '../evaluation/load-rules.js';

export type DueGroup = { id: string; rule_id: string; group_key: string; repeats: number };

export type FlushedGroup = {
  groupId: string;
  groupKey: string;
  notificationIds: string[];
  alertIds: string[];
};

/**
 * Turns the organisation's due groups into notifications: one message per group listing its
 * firing alerts and the resolves that are news, one `notifications` row per enabled channel
 * of the rule, all in one transaction with the group's next schedule. Groups are claimed with
 * FOR UPDATE SKIP LOCKED and re-checked under the lock, so concurrent alerters flush each due
 * group once.
 */
export async function flushDueGroups(
  pool: pg.Pool,
  orgId: string,
  options: { now: Date; publicUrl: string },
): Promise<FlushedGroup[]> {
  return withOrgClient(pool, orgId, async (client) => {
    const { rows: groups } = await client.query<DueGroup>(
      `SELECT id, rule_id, group_key, repeats FROM alert_notify_groups
        WHERE next_flush_at <= $1 ORDER BY next_flush_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
      [options.now],
    );
    const flushed: FlushedGroup[] = [];
    for (const group of groups) {
      const result = await flushGroup(client, orgId, group, options);
      if (result) flushed.push(result);
    }
    return flushed;
  });
}

/**
 * One group into its notifications, under the group's row lock held by the caller (a flush's
 * SKIP LOCKED claim, or the transition that just enqueued into it: enqueue-notification.ts).
 */
export async function flushGroup(
  client: pg.ClientBase,
  orgId: string,
  group: DueGroup,
  options: { now: Date; publicUrl: string; rule?: Rule },
): Promise<FlushedGroup | null> {
  const { now } = options;
  // A transition flushing its own group has the rule loaded already.
  const [rule] =
    options.rule?.id === group.rule_id ? [options.rule] : (await loadRules(client, group.rule_id)).rules;
  const { rows: news } = await client.query<{ alert_id: string; status: 'firing' | 'resolved' }>(
    `UPDATE alert_notify_items SET flushed_at = $2 WHERE group_id = $1 AND flushed_at IS NULL RETURNING alert_id, status`,
    [group.id, now],
  );
  const { rows: firing } = await client.query<AlertRow>(
    `SELECT DISTINCT a.id, a.org_id, a.rule_id, a.fingerprint, a.state::text AS state, a.severity, a.labels,
            a.summary, a.pending_since, a.fired_at, a.resolved_at
       FROM alerts a JOIN alert_notify_items i ON i.alert_id = a.id
      WHERE i.group_id = $1 AND i.status = 'firing' AND a.state = 'firing'`,
    [group.id],
  );
  const resolvedIds = news.filter((n) => n.status === 'resolved').map((n) => n.alert_id);
  const { rows: resolved } =
    resolvedIds.length === 0
      ? { rows: [] as AlertRow[] }
      : await client.query<AlertRow>(
          `SELECT id, org_id, rule_id, fingerprint, state::text AS state, severity, labels, summary, pending_since,
                  fired_at, resolved_at
             FROM alerts WHERE id = ANY($1) AND state = 'resolved'`,
          [resolvedIds],
        );
  const isRepeat = news.length === 0;
  const repeats = isRepeat ? group.repeats + 1 : 0;
  const alerts = [...firing, ...resolved];
  const stop =
    !rule ||
    alerts.length === 0 ||
    (isRepeat && (firing.length === 0 || (rule.maxRepeats !== null && group.repeats >= rule.maxRepeats)));
  if (stop || !rule) {
    await client.query(`UPDATE alert_notify_groups SET next_flush_at = NULL WHERE id = $1`, [group.id]);
    return null;
  }
  const notificationIds = await insertNotifications(client, orgId, group, rule, alerts, options);
  // No alert row is locked here (their notify counts move when a delivery succeeds): a flush
  // holds its groups' locks, and a transition holds its alert's lock while it enqueues into a
  // group — taking alert locks here could deadlock the two.
  const alertIds = alerts.map((a) => a.id);
  const repeatAgain =
    firing.length > 0 && rule.repeatIntervalS > 0 && (rule.maxRepeats === null || repeats < rule.maxRepeats);
  await client.query(
    `UPDATE alert_notify_groups SET last_flushed_at = $2, repeats = $3, next_flush_at = $4 WHERE id = $1`,
    [group.id, now, repeats, repeatAgain ? new Date(now.getTime() + rule.repeatIntervalS * 1000) : null],
  );
  return { groupId: group.id, groupKey: group.group_key, notificationIds, alertIds };
}

async function insertNotifications(
  client: pg.ClientBase,
  orgId: string,
  group: DueGroup,
  rule: Rule,
  alerts: readonly AlertRow[],
  options: { now: Date; publicUrl: string },
): Promise<string[]> {
  const { rows: channels } = await client.query<{ id: string; org_name: string | null }>(
    `SELECT id, (SELECT name FROM organizations WHERE id = $2) AS org_name
       FROM notification_channels WHERE id = ANY($1) AND enabled ORDER BY id`,
    [rule.channelIds, orgId],
  );
  const ids: string[] = [];
  for (const channel of channels) {
    const id = randomUUID();
    const payload: NotificationInput = {
      id,
      orgName: channel.org_name ?? 'Berth',
      groupKey: group.group_key,
      status: alerts.some((a) => a.state === 'firing') ? 'firing' : 'resolved',
      consoleUrl: new URL('/alerts', options.publicUrl).toString(),
      alerts: alerts.map((a) => ({
        fingerprint: a.fingerprint,
        status: a.state === 'firing' ? 'firing' : 'resolved',
        ruleName: rule.name,
        severity: a.severity,
        summary: a.summary,
        labels: a.labels,
        startsAt: a.fired_at ?? a.pending_since,
        endsAt: a.state === 'resolved' ? a.resolved_at : null,
        url: new URL(`/alerts/${a.id}`, options.publicUrl).toString(),
      })),
    };
    await client.query(
      `INSERT INTO notifications (id, org_id, channel_id, group_id, group_key, payload, alert_ids, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        orgId,
        channel.id,
        group.id,
        group.group_key,
        JSON.stringify(payload),
        alerts.map((a) => a.id),
        options.now,
      ],
    );
    ids.push(id);
  }
  return ids;
}

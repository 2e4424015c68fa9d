import { randomUUID } from 'node:crypto';
import { withOrgClient } from '@berth/db/sql';
import type { NotificationInput } from '@berth/notify';
import type pg from 'pg';
import type { AlertRow } from '../evaluation/alert-transitions.js';
import { loadRules, type Rule } from '../evaluation/load-rules.js';
import type { ChannelRow } from './open-channel.js';

export type DueGroup = { id: string; rule_id: string; group_key: string; repeats: number };

export type FlushedGroup = {
  groupId: string;
  groupKey: string;
  notificationIds: string[];
  alertIds: string[];
};

/** A notification row as a delivery reads it (deliver-notifications.ts). */
export type NotificationRow = {
  id: string;
  org_id: string;
  channel_id: string;
  payload: Record<string, unknown>;
  alert_ids: string[];
  attempts: number;
};

/**
 * A notification written already claimed by the flush that made it (`claim`), with what its
 * delivery needs: the row as stored and its channel. The caller sends it once the transaction
 * committed, without a claim round or a read of its own.
 */
export type ClaimedAtBirth = { row: NotificationRow; channel: ChannelRow; leaseToken: string };

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
    return flushGroups(client, orgId, groups, options);
  });
}

type AlertOfGroup = AlertRow & { group_id: string | null };

/**
 * Groups into their notifications, under the groups' row locks held by the caller (a flush's
 * SKIP LOCKED claim, or the transition that just enqueued into them: enqueue-notification.ts).
 * Three round trips for any number of groups (plus one per rule the caller did not pass): the
 * news taken with the channels, the alerts read, the notifications written with the schedules.
 *
 * `claim`: the notifications are written as a delivery round's claim leaves them ('sending',
 * one attempt, a lease token, the lease running out `leaseMs` after `now`), and `claimed`
 * receives each with its row and channel for the caller to send once this transaction
 * commits. A process that dies before sending leaves a lease that runs out, and any replica's
 * delivery round takes the notification over, as it takes over a round's claim.
 */
export async function flushGroups(
  client: pg.ClientBase,
  orgId: string,
  groups: readonly DueGroup[],
  options: {
    now: Date;
    publicUrl: string;
    rules?: readonly Rule[];
    claim?: { leaseMs: number; claimed: ClaimedAtBirth[] };
  },
): Promise<FlushedGroup[]> {
  if (groups.length === 0) return [];
  const { now, claim } = options;
  const rules = new Map((options.rules ?? []).map((rule) => [rule.id, rule]));
  // A transition flushing its own groups has the rule loaded already.
  for (const ruleId of new Set(groups.map((group) => group.rule_id))) {
    if (rules.has(ruleId)) continue;
    const [rule] = (await loadRules(client, ruleId)).rules;
    if (rule) rules.set(ruleId, rule);
  }
  const channelIds = [...new Set([...rules.values()].flatMap((rule) => rule.channelIds))];
  const groupIds = groups.map((group) => group.id);
  const {
    rows: [taken],
  } = await client.query<{
    news: { group_id: string; alert_id: string; status: 'firing' | 'resolved' }[];
    channels: string[];
    org_name: string | null;
    /** With `claim`: the enabled channels' rows, for the deliveries. */
    channel_rows: ChannelRow[] | null;
  }>(
    `WITH news AS (
       UPDATE alert_notify_items SET flushed_at = $2 WHERE group_id = ANY($1) AND flushed_at IS NULL
       RETURNING group_id, alert_id, status)
     SELECT (SELECT coalesce(jsonb_agg(news), '[]') FROM news) AS news,
            ARRAY(SELECT id FROM notification_channels WHERE id = ANY($3) AND enabled ORDER BY id) AS channels,
            (SELECT name FROM organizations WHERE id = $4) AS org_name,
            CASE WHEN $5 THEN (SELECT jsonb_agg(c) FROM (
              SELECT id, org_id, kind, config, secrets FROM notification_channels WHERE id = ANY($3) AND enabled) c)
            END AS channel_rows`,
    [groupIds, now, channelIds, orgId, claim !== undefined],
  );
  if (!taken) throw new Error('the flush read returned no row');
  const resolvedIds = taken.news.filter((n) => n.status === 'resolved').map((n) => n.alert_id);
  const { rows: alertRows } = await client.query<AlertOfGroup>(
    `SELECT DISTINCT i.group_id, a.id, a.org_id, a.rule_id, a.fingerprint, a.state::text AS state, a.severity,
            a.labels, a.summary, a.pending_since, a.fired_at, a.resolved_at
       FROM alerts a JOIN alert_notify_items i ON i.alert_id = a.id
      WHERE i.group_id = ANY($1) AND i.status = 'firing' AND a.state = 'firing'
     UNION ALL
     SELECT NULL, id, org_id, rule_id, fingerprint, state::text, severity, labels, summary, pending_since, fired_at,
            resolved_at
       FROM alerts WHERE id = ANY($2) AND state = 'resolved'`,
    [groupIds, resolvedIds],
  );
  const resolvedById = new Map(alertRows.filter((a) => a.group_id === null).map((a) => [a.id, a]));
  const enabledChannels = new Set(taken.channels);

  const notifications: {
    id: string;
    channelId: string;
    group: DueGroup;
    payload: string;
    alertIds: string[];
    leaseToken: string | null;
  }[] = [];
  const schedules: { id: string; flushed: boolean; repeats: number; next: Date | null }[] = [];
  const flushed: FlushedGroup[] = [];
  for (const group of groups) {
    const rule = rules.get(group.rule_id);
    const news = taken.news.filter((n) => n.group_id === group.id);
    const firing = alertRows.filter((a) => a.group_id === group.id);
    const resolved = news.flatMap((n) => {
      const alert = n.status === 'resolved' ? resolvedById.get(n.alert_id) : undefined;
      return alert ? [alert] : [];
    });
    const isRepeat = news.length === 0;
    const repeats = isRepeat ? group.repeats + 1 : 0;
    const alerts = [...firing, ...resolved];
    const stop =
      !rule ||
      alerts.length === 0 ||
      (isRepeat && (firing.length === 0 || (rule.maxRepeats !== null && group.repeats >= rule.maxRepeats)));
    if (stop || !rule) {
      schedules.push({ id: group.id, flushed: false, repeats: group.repeats, next: null });
      continue;
    }
    const notificationIds: string[] = [];
    // The rule's channels that are enabled, in id order (the order rows were written before).
    for (const channelId of [...new Set(rule.channelIds)].sort()) {
      if (!enabledChannels.has(channelId)) continue;
      const id = randomUUID();
      notifications.push({
        id,
        channelId,
        group,
        payload: JSON.stringify(payloadOf(id, taken.org_name, group, rule, alerts, options.publicUrl)),
        alertIds: alerts.map((a) => a.id),
        leaseToken: claim ? randomUUID() : null,
      });
      notificationIds.push(id);
    }
    // No alert row is locked here (their notify counts move when a delivery succeeds): a flush
    // holds its groups' locks, and a transition holds its alert's lock while it enqueues into a
    // group — taking alert locks here could deadlock the two.
    const repeatAgain =
      firing.length > 0 &&
      rule.repeatIntervalS > 0 &&
      (rule.maxRepeats === null || repeats < rule.maxRepeats);
    schedules.push({
      id: group.id,
      flushed: true,
      repeats,
      next: repeatAgain ? new Date(now.getTime() + rule.repeatIntervalS * 1000) : null,
    });
    flushed.push({
      groupId: group.id,
      groupKey: group.group_key,
      notificationIds,
      alertIds: alerts.map((a) => a.id),
    });
  }
  const leaseUntil = claim ? new Date(now.getTime() + claim.leaseMs) : null;
  await client.query(
    `WITH written AS (
       INSERT INTO notifications (id, org_id, channel_id, group_id, group_key, payload, alert_ids, next_attempt_at,
                                  state, attempts, lease_until, lease_token)
       SELECT id, $1, channel_id, group_id, group_key, payload,
              ARRAY(SELECT jsonb_array_elements_text(alert_ids)::uuid), $2,
              CASE WHEN lease_token IS NULL THEN 'queued' ELSE 'sending' END,
              CASE WHEN lease_token IS NULL THEN 0 ELSE 1 END,
              CASE WHEN lease_token IS NULL THEN NULL ELSE $13::timestamptz END, lease_token
         FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::jsonb[], $8::jsonb[], $14::uuid[])
              AS t(id, channel_id, group_id, group_key, payload, alert_ids, lease_token)),
     scheduled AS (
       UPDATE alert_notify_groups g
          SET last_flushed_at = CASE WHEN t.flushed THEN $2 ELSE g.last_flushed_at END,
              repeats = t.repeats, next_flush_at = t.next
         FROM unnest($9::uuid[], $10::bool[], $11::int[], $12::timestamptz[]) AS t(id, flushed, repeats, next)
        WHERE g.id = t.id)
     SELECT 1`,
    [
      orgId,
      now,
      notifications.map((n) => n.id),
      notifications.map((n) => n.channelId),
      notifications.map((n) => n.group.id),
      notifications.map((n) => n.group.group_key),
      notifications.map((n) => n.payload),
      notifications.map((n) => JSON.stringify(n.alertIds)),
      schedules.map((s) => s.id),
      schedules.map((s) => s.flushed),
      schedules.map((s) => s.repeats),
      schedules.map((s) => s.next),
      leaseUntil,
      notifications.map((n) => n.leaseToken),
    ],
  );
  if (claim) {
    const channels = new Map((taken.channel_rows ?? []).map((row) => [row.id, row]));
    for (const n of notifications) {
      const channel = channels.get(n.channelId);
      if (!channel || !n.leaseToken) throw new Error(`channel ${n.channelId} vanished from the flush`);
      claim.claimed.push({
        // As a delivery would read it back: the payload's dates are ISO strings in jsonb.
        row: {
          id: n.id,
          org_id: orgId,
          channel_id: n.channelId,
          payload: JSON.parse(n.payload) as Record<string, unknown>,
          alert_ids: n.alertIds,
          attempts: 1,
        },
        channel,
        leaseToken: n.leaseToken,
      });
    }
  }
  return flushed;
}

function payloadOf(
  id: string,
  orgName: string | null,
  group: DueGroup,
  rule: Rule,
  alerts: readonly AlertRow[],
  publicUrl: string,
): NotificationInput {
  return {
    id,
    orgName: orgName ?? 'Berth',
    groupKey: group.group_key,
    status: alerts.some((a) => a.state === 'firing') ? 'firing' : 'resolved',
    consoleUrl: new URL('/alerts', publicUrl).toString(),
    alerts: alerts.map((a) => ({
      fingerprint: a.fingerprint,
      status: a.state === 'firing' ? 'firing' : 'resolved',
      ruleName: rule.name,
      severity: a.severity,
      summary: a.summary,
      labels: a.labels,
      startsAt: a.fired_at ?? a.pending_since,
      endsAt: a.state === 'resolved' ? a.resolved_at : null,
      url: new URL(`/alerts/${a.id}`, publicUrl).toString(),
    })),
  };
}

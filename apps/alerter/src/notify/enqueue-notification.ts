import type pg from 'pg';
import type { AlertRow } from '../evaluation/alert-transitions.js';
import type { Rule } from '../evaluation/load-rules.js';
import { findSuppression } from './find-suppression.js';
import { type FlushedGroup, flushGroup } from './flush-groups.js';

export type EnqueueOutcome = 'queued' | 'flushed' | 'suppressed' | 'no_channels' | 'not_notified_before';

/** The rule plus the alert's values of the rule's group_by labels. */
export function groupKeyOf(rule: Pick<Rule, 'id' | 'groupBy'>, labels: Record<string, string>) {
  const groupLabels: Record<string, string> = {};
  for (const label of rule.groupBy) groupLabels[label] = labels[label] ?? '';
  const key = `${rule.id}:{${Object.entries(groupLabels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}}`;
  return { key: key.slice(0, 500), groupLabels };
}

/**
 * A firing or resolved transition that must notify, in the transition's transaction: checked
 * against silences and mute windows (suppressed: an alert_events row naming what suppressed
 * it), then added to its group, whose next message is scheduled with Alertmanager's timing —
 * a new (or idle) group after group_wait, a group already told after group_interval since its
 * last message. A resolve is told only if its firing was.
 *
 * `flush`: a group due at once (group_wait 0, or group_interval passed) is flushed in this
 * same transaction, under the group lock it already holds, so the notification row commits with
 * the transition (the outbox) and a delivery can claim it right away — before, it waited for
 * the next flush round (a tick or a kick after the transition: up to a second more).
 */
export async function enqueueNotification(
  client: pg.ClientBase,
  rule: Rule,
  alert: AlertRow,
  status: 'firing' | 'resolved',
  now: Date,
  flush?: { publicUrl: string; flushed?(group: FlushedGroup): void },
): Promise<EnqueueOutcome> {
  if (rule.channelIds.length === 0) return 'no_channels';
  if (status === 'resolved') {
    const told = await client.query(
      `SELECT 1 FROM alert_notify_items WHERE alert_id = $1 AND status = 'firing' LIMIT 1`,
      [alert.id],
    );
    if (told.rowCount === 0) return 'not_notified_before';
  }
  const suppression = await findSuppression(client, alert, now);
  if (suppression) {
    await client.query(
      `INSERT INTO alert_events (org_id, alert_id, kind, at, details) VALUES ($1, $2, 'suppressed', $3, $4)`,
      [alert.org_id, alert.id, now, JSON.stringify({ status, ...suppression })],
    );
    return 'suppressed';
  }
  const { key, groupLabels } = groupKeyOf(rule, alert.labels);
  await client.query(
    `INSERT INTO alert_notify_groups (org_id, rule_id, group_key, group_labels) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, group_key) DO NOTHING`,
    [alert.org_id, rule.id, key, JSON.stringify(groupLabels)],
  );
  // The row lock orders concurrent enqueuers into the same group (and a flush of it).
  const { rows } = await client.query<{
    id: string;
    rule_id: string;
    group_key: string;
    repeats: number;
    next_flush_at: Date | null;
    last_flushed_at: Date | null;
    busy: boolean;
  }>(
    `SELECT g.id, g.rule_id, g.group_key, g.repeats, g.next_flush_at, g.last_flushed_at,
            EXISTS (SELECT 1 FROM alert_notify_items i JOIN alerts a ON a.id = i.alert_id
                     WHERE i.group_id = g.id AND i.status = 'firing' AND a.state = 'firing' AND a.id <> $2) AS busy
       FROM alert_notify_groups g WHERE g.org_id = $1 AND g.group_key = $3 FOR UPDATE OF g`,
    [alert.org_id, alert.id, key],
  );
  const group = rows[0];
  if (!group) throw new Error(`notification group ${key} vanished under its lock`);
  const idle = group.next_flush_at === null && !group.busy;
  const due =
    idle || !group.last_flushed_at
      ? (group.next_flush_at ?? new Date(now.getTime() + rule.groupWaitS * 1000))
      : earliest(
          group.next_flush_at,
          new Date(Math.max(now.getTime(), group.last_flushed_at.getTime() + rule.groupIntervalS * 1000)),
        );
  await client.query(`UPDATE alert_notify_groups SET next_flush_at = $2 WHERE id = $1`, [group.id, due]);
  await client.query(
    `INSERT INTO alert_notify_items (org_id, group_id, alert_id, status, at) VALUES ($1, $2, $3, $4, $5)`,
    [alert.org_id, group.id, alert.id, status, now],
  );
  if (flush && due.getTime() <= now.getTime()) {
    const flushed = await flushGroup(client, alert.org_id, group, { now, publicUrl: flush.publicUrl, rule });
    if (flushed) flush.flushed?.(flushed);
    return 'flushed';
  }
  return 'queued';
}

function earliest(a: Date | null, b: Date): Date {
  return a && a.getTime() < b.getTime() ? a : b;
}

import type pg from 'pg';
import type { AlertRow } from '../evaluation/alert-transitions.js';
import type { Rule } from '../evaluation/load-rules.js';
import { type Suppression, type Suppressors, suppressionOf, suppressorsSql } from './find-suppression.js';
import { type ClaimedAtBirth, type DueGroup, flushGroups } from './flush-groups.js';

export type EnqueueOutcome = 'queued' | 'flushed' | 'suppressed' | 'no_channels' | 'not_notified_before';

/** A firing or resolved transition that must notify. */
export type NotifyItem = { alert: AlertRow; status: 'firing' | 'resolved' };

/** The rule plus the alert's values of the rule's group_by labels. */
export function groupKeyOf(rule: Pick<Rule, 'id' | 'groupBy'>, labels: Record<string, string>) {
  const groupLabels: Record<string, string> = {};
  for (const label of rule.groupBy) groupLabels[label] = labels[label] ?? '';
  const key = `${rule.id}:{${Object.entries(groupLabels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}}`;
  return { key: key.slice(0, 500), groupLabels };
}

type LockedGroup = DueGroup & { next_flush_at: Date | null; last_flushed_at: Date | null; busy: boolean };

/**
 * One rule's firing and resolved transitions that must notify, in the transitions'
 * transaction: each checked against silences and mute windows (suppressed: an alert_events row
 * naming what suppressed it), then added to its group, whose next message is scheduled with
 * Alertmanager's timing — a new (or idle) group after group_wait, a group already told after
 * group_interval since its last message. A resolve is told only if its firing was. Alerts of
 * one call that share a group go out in one message, as Alertmanager's group_wait collects
 * alerts arriving together.
 *
 * `flush`: a group due at once (group_wait 0, or group_interval passed) is flushed in this
 * same transaction, under the group lock it already holds, so the notification row commits with
 * the transition (the outbox) and a delivery can claim it right away. With `flush.claim` it is
 * written claimed by this process instead, which sends it as soon as the transaction commits
 * (flush-groups.ts).
 *
 * Round trips, whatever the number of alerts: one read (suppressors and which resolves were
 * told), one upsert that locks the groups, one write (items, schedules, suppressions), and the
 * flush's three. Before, each alert took ~11.
 */
export async function enqueueNotifications(
  client: pg.ClientBase,
  rule: Rule,
  items: readonly NotifyItem[],
  now: Date,
  flush?: { publicUrl: string; claim?: { leaseMs: number; claimed: ClaimedAtBirth[] } },
): Promise<Map<string, EnqueueOutcome>> {
  const outcomes = new Map<string, EnqueueOutcome>();
  if (items.length === 0) return outcomes;
  if (rule.channelIds.length === 0) {
    for (const item of items) outcomes.set(item.alert.id, 'no_channels');
    return outcomes;
  }
  const orgId = items[0]?.alert.org_id as string;
  const resolvedIds = items.filter((item) => item.status === 'resolved').map((item) => item.alert.id);
  const {
    rows: [context],
  } = await client.query<Suppressors & { told: string[] }>(
    `SELECT ${suppressorsSql(1)},
            ARRAY(SELECT DISTINCT alert_id FROM alert_notify_items WHERE alert_id = ANY($2) AND status = 'firing')
              AS told`,
    [now, resolvedIds],
  );
  if (!context) throw new Error('the notification context read returned no row');
  const told = new Set(context.told);
  const suppressed: { alertId: string; details: string }[] = [];
  const queued: (NotifyItem & { key: string })[] = [];
  const labelsByKey = new Map<string, Record<string, string>>();
  for (const item of items) {
    if (item.status === 'resolved' && !told.has(item.alert.id)) {
      outcomes.set(item.alert.id, 'not_notified_before');
      continue;
    }
    const suppression: Suppression | null = suppressionOf(context, item.alert, now);
    if (suppression) {
      suppressed.push({
        alertId: item.alert.id,
        details: JSON.stringify({ status: item.status, ...suppression }),
      });
      outcomes.set(item.alert.id, 'suppressed');
      continue;
    }
    const { key, groupLabels } = groupKeyOf(rule, item.alert.labels);
    labelsByKey.set(key, groupLabels);
    queued.push({ ...item, key });
  }
  const keys = [...labelsByKey.keys()].sort();
  // The upsert locks each group row (DO UPDATE), new or not, in key order: concurrent
  // enqueuers into a group, and a flush of it, are ordered by that lock.
  const { rows: groups } =
    keys.length === 0
      ? { rows: [] as LockedGroup[] }
      : await client.query<LockedGroup>(
          `INSERT INTO alert_notify_groups AS g (org_id, rule_id, group_key, group_labels)
           SELECT $1, $2, k, l FROM unnest($3::text[], $4::jsonb[]) WITH ORDINALITY AS t(k, l, n) ORDER BY n
           ON CONFLICT (org_id, group_key) DO UPDATE SET group_key = EXCLUDED.group_key
           RETURNING g.id, g.rule_id, g.group_key, g.repeats, g.next_flush_at, g.last_flushed_at,
             EXISTS (SELECT 1 FROM alert_notify_items i JOIN alerts a ON a.id = i.alert_id
                      WHERE i.group_id = g.id AND i.status = 'firing' AND a.state = 'firing'
                        AND a.id <> ALL($5::uuid[])) AS busy`,
          [
            orgId,
            rule.id,
            keys,
            keys.map((key) => JSON.stringify(labelsByKey.get(key))),
            queued.map((item) => item.alert.id),
          ],
        );
  const groupByKey = new Map(groups.map((group) => [group.group_key, group]));
  const dueNow: LockedGroup[] = [];
  const schedule: { id: string; due: Date }[] = [];
  for (const group of groups) {
    // As if the items went in one by one (firings first, as transitions are applied): the
    // first sees the group's other told alerts firing, among them the ones this call resolves.
    const inGroup = queued.filter((item) => item.key === group.group_key);
    const resolves = inGroup.filter((item) => item.status === 'resolved').length;
    const busy = group.busy || resolves >= (inGroup[0]?.status === 'resolved' ? 2 : 1);
    const idle = group.next_flush_at === null && !busy;
    const due =
      idle || !group.last_flushed_at
        ? (group.next_flush_at ?? new Date(now.getTime() + rule.groupWaitS * 1000))
        : earliest(
            group.next_flush_at,
            new Date(Math.max(now.getTime(), group.last_flushed_at.getTime() + rule.groupIntervalS * 1000)),
          );
    if (flush && due.getTime() <= now.getTime()) dueNow.push(group);
    else schedule.push({ id: group.id, due });
  }
  const itemGroup = (item: { key: string }) => {
    const group = groupByKey.get(item.key);
    if (!group) throw new Error(`notification group ${item.key} vanished under its lock`);
    return group.id;
  };
  await client.query(
    `WITH items AS (
       INSERT INTO alert_notify_items (org_id, group_id, alert_id, status, at)
       SELECT $1, g, a, s, $2 FROM unnest($3::uuid[], $4::uuid[], $5::text[]) AS t(g, a, s)),
     scheduled AS (
       UPDATE alert_notify_groups g SET next_flush_at = t.due
         FROM unnest($6::uuid[], $7::timestamptz[]) AS t(id, due) WHERE g.id = t.id),
     muted AS (
       INSERT INTO alert_events (org_id, alert_id, kind, at, details)
       SELECT $1, a, 'suppressed', $2, d FROM unnest($8::uuid[], $9::jsonb[]) AS t(a, d))
     SELECT 1`,
    [
      orgId,
      now,
      queued.map(itemGroup),
      queued.map((item) => item.alert.id),
      queued.map((item) => item.status),
      schedule.map((s) => s.id),
      schedule.map((s) => s.due),
      suppressed.map((s) => s.alertId),
      suppressed.map((s) => s.details),
    ],
  );
  const flushedGroups = new Set<string>();
  if (flush && dueNow.length > 0) {
    await flushGroups(client, orgId, dueNow, {
      now,
      publicUrl: flush.publicUrl,
      rules: [rule],
      ...(flush.claim ? { claim: flush.claim } : {}),
    });
    for (const group of dueNow) flushedGroups.add(group.id);
  }
  for (const item of queued)
    outcomes.set(item.alert.id, flushedGroups.has(itemGroup(item)) ? 'flushed' : 'queued');
  return outcomes;
}

function earliest(a: Date | null, b: Date): Date {
  return a && a.getTime() < b.getTime() ? a : b;
}

import type { Alert, AlertRule } from '@berth/api-contract';
import type { AlertModel, Tx } from '@berth/db';
import { AppError } from '@berth/http';
import { type ActiveSilence, loadActiveSilences, silencesMatching } from '../silences/active-silences.js';

export const alertNotFound = () => new AppError('not_found', 'no such alert');

export type AlertRow = AlertModel & { rule: { id: string; name: string; kind: string } };

/** What views of a set of alerts need besides the rows: host names, people's names, silences. */
export type AlertContext = {
  hosts: Map<string, string>;
  people: Map<string, string>;
  silences: readonly ActiveSilence[];
};

/** Names of users by id (name, else e-mail), for acks and event actors. */
export async function namesOf(tx: Tx, userIds: Iterable<string | null>): Promise<Map<string, string>> {
  const ids = [...new Set([...userIds].filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const members = await tx.membership.findMany({
    where: { userId: { in: ids } },
    select: { userId: true, user: { select: { name: true, email: true } } },
  });
  return new Map(members.map((m) => [m.userId, m.user.name ?? m.user.email]));
}

export async function hostNamesOf(tx: Tx, hostIds: Iterable<string | null>): Promise<Map<string, string>> {
  const ids = [...new Set([...hostIds].filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const hosts = await tx.host.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(hosts.map((host) => [host.id, host.name]));
}

/** Labels as stored, string values only (what matchers compare). */
export function labelsOf(row: Pick<AlertModel, 'labels'>): Record<string, string> {
  const labels = (row.labels ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

export function alertView(row: AlertRow, context: AlertContext): Alert {
  const labels = labelsOf(row);
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    state: row.state,
    severity: row.severity as Alert['severity'],
    rule: { id: row.rule.id, name: row.rule.name, kind: row.rule.kind as AlertRule['kind'] },
    host: row.hostId ? { id: row.hostId, name: context.hosts.get(row.hostId) ?? row.hostId } : null,
    containerName: row.containerName,
    containerId: row.containerId,
    labels,
    summary: row.summary,
    value: row.value,
    pendingSince: row.pendingSince.toISOString(),
    firedAt: row.firedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    acknowledged: row.ackedAt
      ? {
          by: row.ackedBy ? (context.people.get(row.ackedBy) ?? null) : null,
          at: row.ackedAt.toISOString(),
          comment: row.ackComment,
        }
      : null,
    // A resolved alert is silenced by nothing: silences matter only to what may still notify.
    silencedBy: row.state === 'resolved' ? [] : silencesMatching(context.silences, labels),
    notifyCount: row.notifyCount,
    lastNotifiedAt: row.lastNotifiedAt?.toISOString() ?? null,
  };
}

/** The context for a set of rows, read in the same transaction. */
export async function alertContextOf(tx: Tx, rows: readonly AlertRow[]): Promise<AlertContext> {
  const [hosts, people, silences] = await Promise.all([
    hostNamesOf(
      tx,
      rows.map((row) => row.hostId),
    ),
    namesOf(
      tx,
      rows.map((row) => row.ackedBy),
    ),
    loadActiveSilences(tx),
  ]);
  return { hosts, people, silences };
}

export const ALERT_RULE_SELECT = { rule: { select: { id: true, name: true, kind: true } } } as const;

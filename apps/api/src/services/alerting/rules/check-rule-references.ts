import type { RuleScope } from '@berth/api-contract';
import type { Tx } from '@berth/db';
import { AppError } from '@berth/http';

/**
 * The channels, groups and hosts a rule names must be the caller's organisation's. Under RLS
 * another organisation's id reads as absent, so it is refused exactly like a made-up one: a
 * 400 naming the field and position (`channelIds.1`), before anything is written.
 */
export async function checkRuleReferences(
  tx: Tx,
  rule: { channelIds?: readonly string[] | undefined; scope?: RuleScope | undefined },
): Promise<void> {
  const channelIds = rule.channelIds ?? [];
  const groupIds = rule.scope?.groupIds ?? [];
  const hostIds = rule.scope?.hostIds ?? [];
  const [channels, groups, hosts] = await Promise.all([
    channelIds.length
      ? tx.notificationChannel.findMany({ where: { id: { in: [...channelIds] } }, select: { id: true } })
      : [],
    groupIds.length
      ? tx.containerGroup.findMany({ where: { id: { in: [...groupIds] } }, select: { id: true } })
      : [],
    hostIds.length ? tx.host.findMany({ where: { id: { in: [...hostIds] } }, select: { id: true } }) : [],
  ]);
  const issues = [
    ...unknownIds('channelIds', channelIds, channels, 'no such notification channel'),
    ...unknownIds('scope.groupIds', groupIds, groups, 'no such container group'),
    ...unknownIds('scope.hostIds', hostIds, hosts, 'no such host'),
  ];
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    throw new AppError('bad_request', `invalid body: ${summary}`, { issues });
  }
}

function unknownIds(field: string, wanted: readonly string[], found: { id: string }[], message: string) {
  const known = new Set(found.map((row) => row.id));
  return wanted.flatMap((id, index) =>
    known.has(id) ? [] : [{ field: `${field}.${index}`, message: `${message} (${id})` }],
  );
}

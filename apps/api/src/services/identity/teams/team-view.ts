import type { Team as TeamAnswer } from '@berth/api-contract';
import type { TeamModel as Team } from '@berth/db';

export type HostSelector = Record<string, string>;
export type TeamView = TeamAnswer;

/** A stored selector is always a flat object of strings (validated on write). */
export function selectorOf(value: unknown): HostSelector {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

export function teamView(team: Team & { _count: { members: number } }): TeamView {
  return {
    id: team.id,
    name: team.name,
    hostSelector: selectorOf(team.hostSelector),
    memberCount: team._count.members,
    createdAt: team.createdAt.toISOString(),
  };
}

import {
  type NewTeam,
  type Team,
  type TeamChange,
  type TeamMember,
  ZNoContentSchema,
  ZTeamMemberPageSchema,
  ZTeamPageSchema,
  ZTeamSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { pageQuery, readAllPages } from './pagination';

/** Teams: groups of members, optionally restricted to hosts by label. Shapes are the contract's. */
export type { Team, TeamMember } from '@berth/api-contract';

/** GET /api/v1/teams — every team of the organisation. */
export function listTeams(api: ApiClient): Promise<Team[]> {
  return readAllPages((cursor) =>
    api.request({ path: '/api/v1/teams', query: pageQuery({ limit: 200, cursor }), schema: ZTeamPageSchema }),
  );
}

/** GET /api/v1/teams/:teamId/members */
export function listTeamMembers(api: ApiClient, teamId: string): Promise<TeamMember[]> {
  return readAllPages((cursor) =>
    api.request({
      path: `/api/v1/teams/${encodeURIComponent(teamId)}/members`,
      query: pageQuery({ limit: 200, cursor }),
      schema: ZTeamMemberPageSchema,
    }),
  );
}

/** POST /api/v1/teams */
export function createTeam(api: ApiClient, input: NewTeam): Promise<Team> {
  return api.request({ method: 'POST', path: '/api/v1/teams', body: input, schema: ZTeamSchema });
}

/** PATCH /api/v1/teams/:teamId — a new name and/or selector (`{}` lifts the restriction). */
export function updateTeam(api: ApiClient, teamId: string, change: TeamChange): Promise<Team> {
  return api.request({
    method: 'PATCH',
    path: `/api/v1/teams/${encodeURIComponent(teamId)}`,
    body: change,
    schema: ZTeamSchema,
  });
}

/** DELETE /api/v1/teams/:teamId — its members stay in the organisation. */
export async function deleteTeam(api: ApiClient, teamId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/teams/${encodeURIComponent(teamId)}`,
    schema: ZNoContentSchema,
  });
}

/** PUT or DELETE /api/v1/teams/:teamId/members/:userId */
export async function setTeamMembership(
  api: ApiClient,
  teamId: string,
  userId: string,
  member: boolean,
): Promise<void> {
  await api.request({
    method: member ? 'PUT' : 'DELETE',
    path: `/api/v1/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(userId)}`,
    schema: ZNoContentSchema,
  });
}

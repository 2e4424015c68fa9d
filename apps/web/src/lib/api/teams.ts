import { z } from 'zod';
import type { ApiClient } from './api-client';
import { pageQuery, pageSchema, readAllPages } from './pagination';

/** Teams: groups of members, optionally restricted to hosts by label. Paths and shapes live here only. */

export const ZTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `{ label: value }`: members who are operators or viewers see only hosts carrying every pair. */
  hostSelector: z.record(z.string(), z.string()),
  memberCount: z.number(),
  createdAt: z.string(),
});
export type Team = z.infer<typeof ZTeamSchema>;

export const ZTeamMemberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
});
export type TeamMember = z.infer<typeof ZTeamMemberSchema>;

/** GET /api/v1/teams — every team of the organisation. */
export function listTeams(api: ApiClient): Promise<Team[]> {
  return readAllPages((cursor) =>
    api.request({
      path: '/api/v1/teams',
      query: pageQuery({ limit: 200, cursor }),
      schema: pageSchema(ZTeamSchema),
    }),
  );
}

/** GET /api/v1/teams/:teamId/members */
export function listTeamMembers(api: ApiClient, teamId: string): Promise<TeamMember[]> {
  return readAllPages((cursor) =>
    api.request({
      path: `/api/v1/teams/${encodeURIComponent(teamId)}/members`,
      query: pageQuery({ limit: 200, cursor }),
      schema: pageSchema(ZTeamMemberSchema),
    }),
  );
}

/** POST /api/v1/teams */
export function createTeam(
  api: ApiClient,
  input: { name: string; hostSelector: Record<string, string> },
): Promise<Team> {
  return api.request({ method: 'POST', path: '/api/v1/teams', body: input, schema: ZTeamSchema });
}

/** PATCH /api/v1/teams/:teamId — a new name and/or selector (`{}` lifts the restriction). */
export function updateTeam(
  api: ApiClient,
  teamId: string,
  change: { name?: string; hostSelector?: Record<string, string> },
): Promise<Team> {
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
    schema: z.unknown(),
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
    schema: z.unknown(),
  });
}

import {
  type ContainerGroup,
  type ContainerGroupChange,
  type ContainerGroupDetail,
  type NewContainerGroup,
  ZContainerGroupDetailSchema,
  ZContainerGroupPageSchema,
  ZContainerGroupSchema,
  ZHostPageSchema,
  ZNoContentSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { pageQuery, readAllPages } from './pagination';

/** Container groups: named, coloured sets of containers (host + name). Shapes are the contract's. */
export type {
  ContainerGroup,
  ContainerGroupDetail,
  ContainerGroupMember,
  GroupChip,
} from '@berth/api-contract';

const groupPath = (groupId: string) => `/api/v1/container-groups/${encodeURIComponent(groupId)}`;

/** GET /api/v1/container-groups — every group of the organisation, oldest first. */
export function listContainerGroups(api: ApiClient): Promise<ContainerGroup[]> {
  return readAllPages((cursor) =>
    api.request({
      path: '/api/v1/container-groups',
      query: pageQuery({ limit: 200, cursor }),
      schema: ZContainerGroupPageSchema,
    }),
  );
}

/** GET /api/v1/container-groups/:groupId — with its members and their current containers. */
export function getContainerGroup(api: ApiClient, groupId: string): Promise<ContainerGroupDetail> {
  return api.request({ path: groupPath(groupId), schema: ZContainerGroupDetailSchema });
}

/** POST /api/v1/container-groups */
export function createContainerGroup(api: ApiClient, input: NewContainerGroup): Promise<ContainerGroup> {
  return api.request({
    method: 'POST',
    path: '/api/v1/container-groups',
    body: input,
    schema: ZContainerGroupSchema,
  });
}

/** PATCH /api/v1/container-groups/:groupId */
export function updateContainerGroup(
  api: ApiClient,
  groupId: string,
  change: ContainerGroupChange,
): Promise<ContainerGroup> {
  return api.request({
    method: 'PATCH',
    path: groupPath(groupId),
    body: change,
    schema: ZContainerGroupSchema,
  });
}

/** DELETE /api/v1/container-groups/:groupId — the containers are untouched. */
export async function deleteContainerGroup(api: ApiClient, groupId: string): Promise<void> {
  await api.request({ method: 'DELETE', path: groupPath(groupId), schema: ZNoContentSchema });
}

/** PUT (idempotent) or DELETE /api/v1/container-groups/:groupId/members/:hostId/:containerName */
export async function setGroupMembership(
  api: ApiClient,
  member: { groupId: string; hostId: string; containerName: string },
  inGroup: boolean,
): Promise<void> {
  await api.request({
    method: inGroup ? 'PUT' : 'DELETE',
    path: `${groupPath(member.groupId)}/members/${encodeURIComponent(member.hostId)}/${encodeURIComponent(member.containerName)}`,
    schema: ZNoContentSchema,
  });
}

/** The ids of the hosts running a member of `groupId` (GET /api/v1/hosts?group=…, every page). */
export async function listGroupHostIds(api: ApiClient, groupId: string): Promise<Set<string>> {
  const hosts = await readAllPages(
    (cursor) =>
      api.request({
        path: '/api/v1/hosts',
        query: { ...pageQuery({ limit: 200, cursor }), group: groupId },
        schema: ZHostPageSchema,
      }),
    Number.POSITIVE_INFINITY,
  );
  return new Set(hosts.map((host) => host.id));
}

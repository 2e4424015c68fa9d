import type { ContainerGroup } from '@berth/api-contract';
import type { ContainerGroupModel } from '@berth/db';
import { AppError } from '@berth/http';

export const groupNotFound = () => new AppError('not_found', 'no such container group');

export const groupNameTaken = () =>
  new AppError('conflict', 'a container group with this name exists', {
    issues: [{ field: 'name', message: 'already taken' }],
  });

/** A stored group and its member count (of members on hosts the caller may see) as the API answers. */
export function groupView(group: ContainerGroupModel, memberCount: number): ContainerGroup {
  return {
    id: group.id,
    name: group.name,
    colour: group.colour,
    description: group.description,
    memberCount,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}

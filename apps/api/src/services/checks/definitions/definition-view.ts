import type { CheckDefinition } from '@berth/api-contract';
import type { CheckDefinitionRow } from '@berth/db/queries';
import { AppError } from '@berth/http';

export const definitionNotFound = () => new AppError('not_found', 'no such check definition');

export const definitionNameTaken = () =>
  new AppError('conflict', 'this target already has a check with this name', {
    issues: [{ field: 'name', message: 'already taken on this target' }],
  });

/** A stored definition as the API answers. */
export function definitionView(row: CheckDefinitionRow): CheckDefinition {
  return {
    id: row.id,
    hostId: row.hostId,
    containerName: row.containerName,
    groupId: row.groupId,
    name: row.name,
    spec: row.spec as CheckDefinition['spec'],
    enabled: row.enabled,
    revision: row.revision,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

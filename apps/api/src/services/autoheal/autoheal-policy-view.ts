import type { AutohealPolicy } from '@berth/api-contract';
import type { AutohealPolicyRow } from '@berth/db/queries';
import { AppError } from '@berth/http';

export const policyNotFound = () => new AppError('not_found', 'no such auto-restart policy');

export const policyTaken = () =>
  new AppError('conflict', 'this target already has an auto-restart policy', {
    issues: [{ field: 'groupId', message: 'already has a policy: change it instead' }],
  });

export function policyView(row: AutohealPolicyRow): AutohealPolicy {
  return {
    id: row.id,
    hostId: row.hostId,
    containerName: row.containerName,
    groupId: row.groupId,
    mode: row.mode,
    backoffInitialS: row.backoffInitialS,
    backoffCapS: row.backoffCapS,
    maxAttempts: row.maxAttempts,
    windowS: row.windowS,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

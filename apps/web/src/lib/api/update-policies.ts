import { ZNoContentSchema } from '@berth/api-contract';
import type { ApiClient } from './api-client';

export { listUpdatePolicies, setUpdatePolicy } from './auto-updates';

/** DELETE /api/v1/update-policies/:ruleId — its scope falls back to the next level (admins). */
export async function deleteUpdatePolicy(api: ApiClient, ruleId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/update-policies/${encodeURIComponent(ruleId)}`,
    schema: ZNoContentSchema,
  });
}

import {
  type AutoUpdateSettingsInput,
  type AutoUpdatesView,
  type SetUpdatePolicyRequest,
  type UpdatePolicyRule,
  ZAutoUpdateSettingsSchema,
  ZAutoUpdatesViewSchema,
  ZUpdatePolicyRuleListSchema,
  ZUpdatePolicyRuleSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';

/** GET /api/v1/auto-updates — the settings (null: never set), whether the window is open, the rollouts. */
export function getAutoUpdates(api: ApiClient): Promise<AutoUpdatesView> {
  return api.request({ path: '/api/v1/auto-updates', schema: ZAutoUpdatesViewSchema });
}

/** PUT /api/v1/auto-updates/settings — admins. */
export function setAutoUpdateSettings(api: ApiClient, body: AutoUpdateSettingsInput) {
  return api.request({
    method: 'PUT',
    path: '/api/v1/auto-updates/settings',
    body,
    schema: ZAutoUpdateSettingsSchema,
  });
}

/** GET /api/v1/update-policies — the organisation's update policy rules (every member). */
export async function listUpdatePolicies(api: ApiClient): Promise<UpdatePolicyRule[]> {
  return (await api.request({ path: '/api/v1/update-policies', schema: ZUpdatePolicyRuleListSchema })).items;
}

/** PUT /api/v1/update-policies — sets one scope's policy (admins). */
export function setUpdatePolicy(api: ApiClient, body: SetUpdatePolicyRequest): Promise<UpdatePolicyRule> {
  return api.request({
    method: 'PUT',
    path: '/api/v1/update-policies',
    body,
    schema: ZUpdatePolicyRuleSchema,
  });
}

import {
  type AlertRule,
  type AlertRuleChange,
  type NewAlertRule,
  type Page,
  type RuleHistory,
  type RuleHistoryRequest,
  type RulePreview,
  type RulePreviewRequest,
  ZAlertRulePageSchema,
  ZAlertRuleSchema,
  ZNoContentSchema,
  ZRuleHistorySchema,
  ZRulePreviewSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type PageRequest, pageQuery } from './pagination';

/** Alert rules. Shapes are the contract's. */
export type { AlertRule, RuleHistory, RulePreview } from '@berth/api-contract';

/** GET /api/v1/alert-rules — each with its firing and pending counts. */
export function listRules(api: ApiClient, page: PageRequest = {}): Promise<Page<AlertRule>> {
  return api.request({
    path: '/api/v1/alert-rules',
    query: pageQuery({ limit: 200, ...page }),
    schema: ZAlertRulePageSchema,
  });
}

/** GET /api/v1/alert-rules/:id */
export function getRule(api: ApiClient, ruleId: string): Promise<AlertRule> {
  return api.request({ path: `/api/v1/alert-rules/${encodeURIComponent(ruleId)}`, schema: ZAlertRuleSchema });
}

/** POST /api/v1/alert-rules (admins). */
export function createRule(api: ApiClient, rule: NewAlertRule): Promise<AlertRule> {
  return api.request({ method: 'POST', path: '/api/v1/alert-rules', body: rule, schema: ZAlertRuleSchema });
}

/** PATCH /api/v1/alert-rules/:id (admins). */
export function updateRule(api: ApiClient, ruleId: string, change: AlertRuleChange): Promise<AlertRule> {
  return api.request({
    method: 'PATCH',
    path: `/api/v1/alert-rules/${encodeURIComponent(ruleId)}`,
    body: change,
    schema: ZAlertRuleSchema,
  });
}

/** DELETE /api/v1/alert-rules/:id (admins) — its alerts go with it. */
export async function deleteRule(api: ApiClient, ruleId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/alert-rules/${encodeURIComponent(ruleId)}`,
    schema: ZNoContentSchema,
  });
}

/** POST /api/v1/alert-rules/preview — what an unsaved rule would watch now. */
export function previewRule(
  api: ApiClient,
  rule: RulePreviewRequest,
  signal?: AbortSignal,
): Promise<RulePreview> {
  return api.request({
    method: 'POST',
    path: '/api/v1/alert-rules/preview',
    body: rule,
    schema: ZRulePreviewSchema,
    signal,
  });
}

/** POST /api/v1/alert-rules/preview/history — what an unsaved rule would have done in the last 24 h. */
export function previewRuleHistory(
  api: ApiClient,
  rule: RuleHistoryRequest,
  signal?: AbortSignal,
): Promise<RuleHistory> {
  return api.request({
    method: 'POST',
    path: '/api/v1/alert-rules/preview/history',
    body: rule,
    schema: ZRuleHistorySchema,
    signal,
  });
}

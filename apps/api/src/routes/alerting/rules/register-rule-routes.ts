import type { ApiApp, ApiContext } from '../../../context.js';
import { registerCreateRule } from './create-rule.js';
import { registerDeleteRule } from './delete-rule.js';
import { registerGetRule } from './get-rule.js';
import { registerListRules } from './list-rules.js';
import { registerPreviewRule } from './preview-rule.js';
import { registerPreviewRuleHistory } from './preview-rule-history.js';
import { registerUpdateRule } from './update-rule.js';

/**
 * /api/v1/alert-rules: what to watch and when to tell. Everyone in the organisation reads the
 * rules and may preview one; admins create, change and delete them (as with channels, which
 * rules send to).
 */
export function registerRuleRoutes(app: ApiApp, ctx: ApiContext): void {
  registerListRules(app, ctx);
  registerPreviewRule(app, ctx);
  registerPreviewRuleHistory(app, ctx);
  registerGetRule(app, ctx);
  registerCreateRule(app, ctx);
  registerUpdateRule(app, ctx);
  registerDeleteRule(app, ctx);
}

'use server';

import { type AlertRuleChange, ZNewAlertRuleSchema } from '@berth/api-contract';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ruleBodyFromForm, ruleChangeFromForm, ruleFieldOf } from '@/components/alerts/rule-form-fields';
import { type ActionState, describeFailure } from '@/components/settings/action-state';
import { createRule, deleteRule, updateRule } from '@/lib/api/alert-rules';
import { ApiError } from '@/lib/api/api-error';
import { getServerApi } from '@/lib/api/server-api';
import { runAlertsAction } from '../run-alerts-action';

/**
 * POST /api/v1/alert-rules from the rule form. The contract's own schema checks the form first
 * (per-kind params, the scope a kind allows), so its messages land beside the inputs; what only
 * the API knows (a taken name, a channel deleted meanwhile) lands there too.
 */
export async function createRuleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const body = ruleBodyFromForm(form);
  const refused = checkRuleForm(body);
  if (refused) return refused;
  try {
    await createRule(await getServerApi(), body as z.input<typeof ZNewAlertRuleSchema>);
  } catch (error) {
    return describeFailure(withFormFields(error));
  }
  revalidatePath('/alerts', 'layout');
  redirect('/alerts/rules');
}

/** The contract's own check of the whole rule, its issues under the form's input names. */
function checkRuleForm(body: Record<string, unknown>): ActionState | null {
  const parsed = ZNewAlertRuleSchema.safeParse(body);
  if (parsed.success) return null;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[ruleFieldOf(issue.path.join('.'))] ??= issue.message;
  return { error: `Check ${Object.keys(fieldErrors).join(', ')}.`, fieldErrors };
}

/**
 * PATCH /api/v1/alert-rules/:id from the edit form: checked whole as a new rule would be (the
 * form holds every field it shows), sent without the kind, which stays.
 */
export async function updateRuleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ruleId = ZRuleRowSchema.safeParse({ ruleId: form.get('ruleId') });
  if (!ruleId.success) return { error: 'The rule to change is missing.' };
  const refused = checkRuleForm(ruleBodyFromForm(form));
  if (refused) return refused;
  try {
    await updateRule(await getServerApi(), ruleId.data.ruleId, ruleChangeFromForm(form) as AlertRuleChange);
  } catch (error) {
    return describeFailure(withFormFields(error));
  }
  revalidatePath('/alerts', 'layout');
  redirect('/alerts/rules');
}

/** DELETE from the rule's own page: its page is gone after, so back to the list. */
export async function deleteRuleAndLeaveAction(previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await deleteRuleAction(previous, form);
  if (state.error) return state;
  redirect('/alerts/rules');
}

/** The API names `params.threshold`, `scope.groupIds.0`; the form's inputs are `threshold`, `groupIds`. */
function withFormFields(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 400) return error;
  const details = error.details as { issues?: { field: string; message: string }[] } | undefined;
  if (!details?.issues) return error;
  return new ApiError(error.status, error.code, error.message, {
    issues: details.issues.map((issue) => ({ ...issue, field: ruleFieldOf(issue.field) })),
  });
}

const ZRuleRowSchema = z.object({ ruleId: z.string().min(1) });

/** PATCH … { enabled } — a disabled rule keeps its settings and evaluates nothing. */
export async function toggleRuleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAlertsAction(
    form,
    ZRuleRowSchema.extend({ enabled: z.enum(['true', 'false']).transform((value) => value === 'true') }),
    async (api, input) => {
      await updateRule(api, input.ruleId, { enabled: input.enabled });
      return {};
    },
  );
}

/** DELETE … — its alerts and their history go with it. */
export async function deleteRuleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAlertsAction(form, ZRuleRowSchema, async (api, input) => {
    await deleteRule(api, input.ruleId);
    return {};
  });
}

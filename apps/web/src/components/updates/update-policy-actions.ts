'use server';

import { ZSetUpdatePolicyRequestSchema, ZUuidSchema } from '@berth/api-contract';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, describeFailure, fieldErrorsOf } from '@/components/settings/action-state';
import { getServerApi } from '@/lib/api/server-api';
import { deleteUpdatePolicy, setUpdatePolicy } from '@/lib/api/update-policies';

/** The scope's own fields; `replaces` is the rule an edited pattern took over from. */
const ZReplacesFormSchema = z.object({ replaces: z.union([z.literal(''), ZUuidSchema]).optional() });
const ZRuleFormSchema = z.object({ ruleId: ZUuidSchema });

/** Every page showing a policy (the container, its groups, Updates and the policies page) reads it again. */
function refresh(): void {
  revalidatePath('/', 'layout');
}

/** What the person sent, returned on a refusal so the form shows it again (React resets a form after its action). */
export type SubmittedPolicy = { pattern?: string; policy?: string };

/**
 * PUT /api/v1/update-policies from any policy form (admins): the scope and its target come as
 * hidden fields, the policy (and a pattern's glob) from the person. Editing a pattern's glob
 * sets the new one first and only then deletes the old rule, so a refused glob changes nothing.
 */
export async function setUpdatePolicyAction(
  _previous: ActionState<SubmittedPolicy>,
  form: FormData,
): Promise<ActionState<SubmittedPolicy>> {
  const fields = Object.fromEntries(
    [...form.entries()]
      .filter(([name]) => !name.startsWith('$'))
      .map(([name, value]) => [name, String(value)]),
  );
  const { replaces, ...body } = fields;
  const result: SubmittedPolicy = { pattern: body.pattern, policy: body.policy };
  const parsedReplaces = ZReplacesFormSchema.safeParse({ replaces });
  const parsed = ZSetUpdatePolicyRequestSchema.safeParse(body);
  if (!parsed.success || !parsedReplaces.success) {
    const fieldErrors = fieldErrorsOf([
      ...(parsed.success ? [] : parsed.error.issues),
      ...(parsedReplaces.success ? [] : parsedReplaces.error.issues),
    ]);
    return { error: `Check ${Object.keys(fieldErrors).join(', ')}.`, fieldErrors, result };
  }
  try {
    const api = await getServerApi();
    const rule = await setUpdatePolicy(api, parsed.data);
    const old = parsedReplaces.data.replaces;
    if (old && old !== rule.id) await deleteUpdatePolicy(api, old);
  } catch (error) {
    return { ...describeFailure(error), result };
  }
  refresh();
  return { notice: `Policy set: ${parsed.data.policy}.` };
}

/** DELETE /api/v1/update-policies/:ruleId — the scope falls back to the next level. */
export async function clearUpdatePolicyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = ZRuleFormSchema.safeParse({ ruleId: form.get('ruleId') });
  if (!parsed.success) return { error: 'No such rule.' };
  try {
    await deleteUpdatePolicy(await getServerApi(), parsed.data.ruleId);
  } catch (error) {
    return describeFailure(error);
  }
  refresh();
  return { notice: 'Rule removed.' };
}

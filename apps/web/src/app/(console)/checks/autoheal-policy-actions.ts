'use server';

import type { ActionState } from '@/components/settings/action-state';
import {
  createAutohealPolicy,
  deleteAutohealPolicy,
  updateAutohealPolicy,
} from '@/lib/api/autoheal-policies';
import { ZAutohealRefFormSchema, ZSaveAutohealFormSchema } from './autoheal-policy-form-schema';
import { runCheckDefinitionAction } from './run-check-definition-action';

/** POST /api/v1/autoheal-policies, or PATCH the target's existing one (the panel's one form). */
export async function saveAutohealPolicyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runCheckDefinitionAction(form, ZSaveAutohealFormSchema, async (api, input) => {
    const { policyId, hostId, containerName, groupId, ...settings } = input;
    if (policyId) await updateAutohealPolicy(api, policyId, settings);
    else
      await createAutohealPolicy(api, {
        ...(hostId !== undefined ? { hostId } : {}),
        ...(containerName !== undefined ? { containerName } : {}),
        ...(groupId !== undefined ? { groupId } : {}),
        ...settings,
      });
    return { notice: `Auto-restart ${settings.mode === 'off' ? 'turned off' : `set to ${settings.mode}`}.` };
  });
}

/** DELETE /api/v1/autoheal-policies/:id: the target falls back to its group's policy or none. */
export async function removeAutohealPolicyAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runCheckDefinitionAction(form, ZAutohealRefFormSchema, async (api, input) => {
    await deleteAutohealPolicy(api, input.policyId);
    return { notice: 'Auto-restart policy removed.' };
  });
}

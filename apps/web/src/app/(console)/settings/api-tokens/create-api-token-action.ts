'use server';

import { ZRoleSchema } from '@berth/api-contract';
import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { expiryInstant, ZExpiryChoiceSchema } from '@/components/settings/form-parsing';
import { createApiToken } from '@/lib/api/api-tokens';
import { runSettingsAction } from '../run-settings-action';

const ZApiTokenFormSchema = z.object({
  name: z.string().trim().min(1, 'Name the token after what uses it').max(100, 'At most 100 characters'),
  role: ZRoleSchema,
  expiresIn: z.union([z.literal('never'), ZExpiryChoiceSchema]),
});

export type CreatedApiTokenResult = { name: string; secret: string };

/** POST /api/v1/api-tokens — the API refuses a role above the creator's (403, shown as is). */
export async function createApiTokenAction(
  _previous: ActionState<CreatedApiTokenResult>,
  form: FormData,
): Promise<ActionState<CreatedApiTokenResult>> {
  return runSettingsAction(form, ZApiTokenFormSchema, '/settings/api-tokens', async (api, input) => {
    const created = await createApiToken(api, {
      name: input.name,
      role: input.role,
      ...(input.expiresIn === 'never' ? {} : { expiresAt: expiryInstant(input.expiresIn, Date.now()) }),
    });
    return { result: { name: created.token.name, secret: created.secret } };
  });
}

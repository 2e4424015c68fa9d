'use server';

import { ZRoleSchema } from '@berth/api-contract';
import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { expiryHours, ZExpiryChoiceSchema } from '@/components/settings/form-parsing';
import { createInvite } from '@/lib/api/members';
import { runSettingsAction } from '../run-settings-action';

const ZInviteFormSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')),
  role: ZRoleSchema,
  expiresIn: ZExpiryChoiceSchema.refine((choice) => expiryHours(choice) <= 720, 'At most 30 days'),
});

export type CreatedInviteResult = { email: string; link: string; mailed: boolean };

/** POST /api/v1/invites — mailed when SMTP is set up; the link is returned either way. */
export async function createInviteAction(
  _previous: ActionState<CreatedInviteResult>,
  form: FormData,
): Promise<ActionState<CreatedInviteResult>> {
  return runSettingsAction(form, ZInviteFormSchema, '/settings/invites', async (api, input) => {
    const created = await createInvite(api, {
      email: input.email,
      role: input.role,
      expiresInHours: expiryHours(input.expiresIn),
    });
    return { result: { email: input.email, link: created.url, mailed: created.mailed } };
  });
}

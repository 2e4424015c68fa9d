'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { changePassword } from '@/lib/api/profile';
import { runSettingsAction } from '../run-settings-action';

const ZChangePasswordFormSchema = z
  .object({
    currentPassword: z.string().max(200),
    newPassword: z.string().min(12, 'Use at least 12 characters').max(200, 'At most 200 characters'),
    confirmPassword: z.string(),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    message: 'The two new passwords differ',
    path: ['confirmPassword'],
  });

/** PUT /api/v1/me/password; the API signs every other session out. */
export async function changePasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(form, ZChangePasswordFormSchema, '/settings/profile', async (api, input) => {
    await changePassword(api, {
      ...(input.currentPassword ? { currentPassword: input.currentPassword } : {}),
      newPassword: input.newPassword,
    });
    return { notice: 'Password changed. Your other sessions were signed out.' };
  });
}

'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { removeMember } from '@/lib/api/members';
import { runSettingsAction } from '../run-settings-action';

/** DELETE /api/v1/members/:userId — their API tokens are revoked; the last owner stays (409). */
export async function removeMemberAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    z.object({ userId: z.string().min(1) }),
    '/settings/members',
    async (api, input) => {
      await removeMember(api, input.userId);
      return {};
    },
  );
}

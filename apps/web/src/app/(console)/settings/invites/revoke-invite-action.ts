'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { revokeInvite } from '@/lib/api/members';
import { runSettingsAction } from '../run-settings-action';

/** DELETE /api/v1/invites/:inviteId — the link stops working. */
export async function revokeInviteAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    z.object({ inviteId: z.string().min(1) }),
    '/settings/invites',
    async (api, input) => {
      await revokeInvite(api, input.inviteId);
      return {};
    },
  );
}

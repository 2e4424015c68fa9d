'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { revokeHost } from '@/lib/api/host-admin';
import { runSettingsAction } from '../run-settings-action';

/** POST /api/v1/hosts/:hostId/revoke — the agent is disconnected and refused from now on. */
export async function revokeHostAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    z.object({ hostId: z.string().min(1) }),
    '/settings/hosts',
    async (api, input) => {
      await revokeHost(api, input.hostId);
      return {};
    },
  );
}

'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { deleteHost } from '@/lib/api/host-admin';
import { runSettingsAction } from '../run-settings-action';

/** DELETE /api/v1/hosts/:hostId — the host and all its history. */
export async function deleteHostAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    z.object({ hostId: z.string().min(1) }),
    '/settings/hosts',
    async (api, input) => {
      await deleteHost(api, input.hostId);
      return {};
    },
  );
}

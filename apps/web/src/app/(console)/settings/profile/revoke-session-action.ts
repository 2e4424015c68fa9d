'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { revokeMySession } from '@/lib/api/profile';
import { runSettingsAction } from '../run-settings-action';

/** DELETE /api/v1/me/sessions/:sessionId — signs that browser out. */
export async function revokeSessionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    z.object({ sessionId: z.string().min(1) }),
    '/settings/profile',
    async (api, input) => {
      await revokeMySession(api, input.sessionId);
      return {};
    },
  );
}

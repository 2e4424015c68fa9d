'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { revokeOtherSessions } from '@/lib/api/profile';
import { runSettingsAction } from '../run-settings-action';

/** POST /api/v1/me/sessions/revoke-others — everywhere but this browser. */
export async function revokeOtherSessionsAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runSettingsAction(form, z.object({}), '/settings/profile', async (api) => {
    const { revoked } = await revokeOtherSessions(api);
    return {
      notice: revoked === 1 ? 'Signed out 1 other session.' : `Signed out ${revoked} other sessions.`,
    };
  });
}

'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { revokeApiToken } from '@/lib/api/api-tokens';
import { runSettingsAction } from '../run-settings-action';

/** DELETE /api/v1/api-tokens/:tokenId — scripts using it get 401 from now on. */
export async function revokeApiTokenAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    z.object({ tokenId: z.string().min(1) }),
    '/settings/api-tokens',
    async (api, input) => {
      await revokeApiToken(api, input.tokenId);
      return {};
    },
  );
}

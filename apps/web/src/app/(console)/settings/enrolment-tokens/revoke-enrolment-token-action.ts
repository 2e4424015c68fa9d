'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { revokeEnrolmentToken } from '@/lib/api/enrolment-tokens';
import { runSettingsAction } from '../run-settings-action';

/** POST /api/v1/enrolment-tokens/:tokenId/revoke — hosts already enrolled keep working. */
export async function revokeEnrolmentTokenAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runSettingsAction(
    form,
    z.object({ tokenId: z.string().min(1) }),
    '/settings/enrolment-tokens',
    async (api, input) => {
      await revokeEnrolmentToken(api, input.tokenId);
      return {};
    },
  );
}

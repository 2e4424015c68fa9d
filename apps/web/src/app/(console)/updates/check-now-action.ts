'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { checkImageUpdatesNow } from '@/lib/api/image-updates';
import { runSettingsAction } from '../settings/run-settings-action';

const ZCheckNowFormSchema = z.object({ image: z.string().trim().min(1).max(1024).optional() });

/** POST /api/v1/image-updates/check: the references' checks due now (hosts run them within a minute). */
export async function checkNowAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(form, ZCheckNowFormSchema, '/updates', async (api, input) => {
    const { scheduled } = await checkImageUpdatesNow(api, input.image ? { image: input.image } : {});
    return {
      notice: `${scheduled} ${scheduled === 1 ? 'reference' : 'references'} will be checked within a minute.`,
    };
  });
}

'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { deleteChannel, testChannel, updateChannel } from '@/lib/api/notification-channels';
import { runSettingsAction } from '../run-settings-action';

const PAGE = '/settings/notifications';
const ZRowSchema = z.object({ channelId: z.string().min(1) });

/** POST …/test — the receiver's answer, said beside the button. */
export async function testChannelAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(form, ZRowSchema, PAGE, async (api, input) => {
    const result = await testChannel(api, input.channelId);
    return result.ok
      ? { notice: `Delivered in ${result.durationMs} ms.` }
      : { error: `${result.error}${result.retryable ? ' (may pass by itself: try again later)' : ''}` };
  });
}

/** PATCH … { enabled } — a disabled channel keeps its settings and receives nothing. */
export async function toggleChannelAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(
    form,
    ZRowSchema.extend({ enabled: z.enum(['true', 'false']).transform((value) => value === 'true') }),
    PAGE,
    async (api, input) => {
      await updateChannel(api, input.channelId, { enabled: input.enabled });
      return {};
    },
  );
}

/** DELETE … */
export async function deleteChannelAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(form, ZRowSchema, PAGE, async (api, input) => {
    await deleteChannel(api, input.channelId);
    return {};
  });
}

'use server';

import { CHANNEL_KIND_NAMES, type ChannelConfig, type ChannelKind } from '@berth/api-contract';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, describeFailure } from '@/components/settings/action-state';
import { channelConfigFromForm } from '@/components/settings/channel-fields';
import { ApiError } from '@/lib/api/api-error';
import { createChannel } from '@/lib/api/notification-channels';
import { getServerApi } from '@/lib/api/server-api';

const ZChannelFormSchema = z.object({
  name: z.string().trim().min(1, 'Name the channel (say "ops on-call")').max(100, 'At most 100 characters'),
  kind: z.enum(CHANNEL_KIND_NAMES as [ChannelKind, ...ChannelKind[]], 'Pick a kind'),
});

export type CreatedChannelResult = { name: string; secrets: Record<string, unknown> };

/**
 * POST /api/v1/notification-channels — the form's fields become the kind's config; the API
 * validates it and its errors (`config.botToken`) land under the form's own fields.
 */
export async function createChannelAction(
  _previous: ActionState<CreatedChannelResult>,
  form: FormData,
): Promise<ActionState<CreatedChannelResult>> {
  const parsed = ZChannelFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(
      parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]),
    );
    return { error: `Check ${Object.keys(fieldErrors).join(', ')}.`, fieldErrors };
  }
  try {
    const created = await createChannel(await getServerApi(), {
      name: parsed.data.name,
      config: channelConfigFromForm(parsed.data.kind, form) as ChannelConfig,
    });
    revalidatePath('/settings/notifications');
    return { result: { name: created.name, secrets: created.secrets } };
  } catch (error) {
    return describeFailure(withoutConfigPrefix(error));
  }
}

/** The API names `config.<field>`; the form's inputs are named `<field>`. */
function withoutConfigPrefix(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 400) return error;
  const details = error.details as { issues?: { field: string; message: string }[] } | undefined;
  if (!details?.issues) return error;
  return new ApiError(error.status, error.code, error.message, {
    issues: details.issues.map((issue) => ({ ...issue, field: issue.field.replace(/^config\./, '') })),
  });
}

'use server';

import { UPDATE_POLICIES, ZAutoUpdateSettingsSchema } from '@berth/api-contract';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runSettingsAction } from '@/app/(console)/settings/run-settings-action';
import { type ActionState, describeFailure, fieldErrorsOf } from '@/components/settings/action-state';
import { setAutoUpdateSettings, setUpdatePolicy } from '@/lib/api/auto-updates';
import { getServerApi } from '@/lib/api/server-api';

/** Form names for the API's fields (the form asks for a clock time and hours). */
const FORM_NAMES: Record<string, string> = { startMinute: 'startTime', durationMinutes: 'durationHours' };

/** `02:30` → 150; anything else stays as written for the schema to refuse. */
function minuteOf(time: string): number | string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : time;
}

/** A number when the text is one, else the text (the schema names the field). */
function numberOf(text: string, scale = 1): number | string {
  const value = Number(text);
  return text !== '' && Number.isFinite(value) ? Math.round(value * scale) : text;
}

/** PUT /api/v1/auto-updates/settings from the Updates page's panel (admins). */
export async function saveAutoUpdateSettingsAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const body = {
    enabled: form.get('enabled') === 'on',
    timeZone: text('timeZone'),
    weekdays: form.getAll('weekdays').map(Number),
    startMinute: minuteOf(text('startTime')),
    durationMinutes: numberOf(text('durationHours'), 60),
    healthTimeoutS: numberOf(text('healthTimeoutS')),
  };
  const parsed = ZAutoUpdateSettingsSchema.safeParse(body);
  if (!parsed.success) return renamed(fieldErrorsOf(parsed.error.issues));
  try {
    await setAutoUpdateSettings(await getServerApi(), parsed.data);
  } catch (error) {
    const failure = describeFailure(error);
    return failure.fieldErrors ? { ...failure, ...renamed(failure.fieldErrors) } : failure;
  }
  revalidatePath('/updates');
  return { notice: parsed.data.enabled ? 'Automatic updates are on.' : 'Automatic updates are off.' };
}

function renamed(errors: Record<string, string>): ActionState {
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) fieldErrors[FORM_NAMES[field] ?? field] = message;
  return { error: `Check ${Object.keys(fieldErrors).join(', ')}.`, fieldErrors };
}

const ZDefaultPolicyFormSchema = z.object({ policy: z.enum(UPDATE_POLICIES) });

/** PUT /api/v1/update-policies {scope: default} — the policy of containers no rule or label names. */
export async function setDefaultPolicyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runSettingsAction(form, ZDefaultPolicyFormSchema, '/updates', async (api, input) => {
    await setUpdatePolicy(api, { scope: 'default', policy: input.policy });
    return { notice: `Default policy: ${input.policy}.` };
  });
}

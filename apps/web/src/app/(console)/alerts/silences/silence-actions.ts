'use server';

import { ZNewSilenceSchema } from '@berth/api-contract';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { parseMatcherLines } from '@/components/alerts/matcher-text';
import { type ActionState, describeFailure } from '@/components/settings/action-state';
import { createSilence, expireSilence } from '@/lib/api/alert-silences';
import { getServerApi } from '@/lib/api/server-api';
import { runAlertsAction } from '../run-alerts-action';

/** The silence form: an alert to silence, or matchers; a preset duration or hours; why. */
const ZSilenceFormSchema = z.object({
  fromAlertId: z.string().optional(),
  matchers: z.string().optional(),
  duration: z.string().default('3600'),
  hours: z.string().optional(),
  comment: z.string(),
});

function durationOf(form: z.infer<typeof ZSilenceFormSchema>): number | string {
  if (form.duration !== 'custom') return Number(form.duration);
  const hours = Number(form.hours);
  return form.hours && Number.isFinite(hours) ? Math.round(hours * 3600) : (form.hours ?? '');
}

/** POST /api/v1/alert-silences — then to the silences list, where the new one shows. */
export async function createSilenceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const fields = ZSilenceFormSchema.parse(Object.fromEntries(form));
  const body = {
    ...(fields.fromAlertId
      ? { fromAlertId: fields.fromAlertId }
      : { matchers: parseMatcherLines(fields.matchers ?? '') }),
    durationS: durationOf(fields),
    comment: fields.comment,
  };
  const parsed = ZNewSilenceSchema.safeParse(body);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'durationS' ? 'hours' : String(issue.path[0] ?? 'form');
      const where = issue.path.length > 1 ? `line ${Number(issue.path[1]) + 1}: ` : '';
      fieldErrors[field] ??= `${where}${issue.message}`;
    }
    return { error: `Check ${Object.keys(fieldErrors).join(', ')}.`, fieldErrors };
  }
  try {
    await createSilence(await getServerApi(), parsed.data);
  } catch (error) {
    return describeFailure(error);
  }
  revalidatePath('/alerts', 'layout');
  redirect('/alerts/silences');
}

/** DELETE /api/v1/alert-silences/:id — ends it now. */
export async function expireSilenceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAlertsAction(form, z.object({ silenceId: z.string().min(1) }), async (api, input) => {
    await expireSilence(api, input.silenceId);
    return {};
  });
}

'use server';

import { ZNewMuteWindowSchema } from '@berth/api-contract';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { parseMatcherLines } from '@/components/alerts/matcher-text';
import { type ActionState, describeFailure } from '@/components/settings/action-state';
import { createMuteWindow, deleteMuteWindow, setMuteWindowEnabled } from '@/lib/api/alert-silences';
import { getServerApi } from '@/lib/api/server-api';
import { runAlertsAction } from '../run-alerts-action';

/** `22:30` → 1350 minutes after midnight; anything else stays as written for the schema to refuse. */
function minuteOf(time: string): number | string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : time;
}

/** POST /api/v1/alert-mute-windows from the form (weekdays and severities as checkboxes). */
export async function createMuteWindowAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const hours = Number(text('durationHours'));
  const severities = form.getAll('severities').map(String);
  const body = {
    name: text('name'),
    kind: text('kind'),
    matchers: parseMatcherLines(text('matchers')),
    ...(severities.length ? { severities } : {}),
    timeZone: text('timeZone'),
    weekdays: form.getAll('weekdays').map(Number),
    startMinute: minuteOf(text('startTime')),
    durationMinutes:
      text('durationHours') && Number.isFinite(hours) ? Math.round(hours * 60) : text('durationHours'),
  };
  const parsed = ZNewMuteWindowSchema.safeParse(body);
  if (!parsed.success) {
    const names: Record<string, string> = { startMinute: 'startTime', durationMinutes: 'durationHours' };
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      fieldErrors[names[field] ?? field] ??= issue.message;
    }
    return { error: `Check ${Object.keys(fieldErrors).join(', ')}.`, fieldErrors };
  }
  try {
    const created = await createMuteWindow(
      await getServerApi(),
      body as z.input<typeof ZNewMuteWindowSchema>,
    );
    revalidatePath('/alerts', 'layout');
    return { notice: `Mute window “${created.name}” added.` };
  } catch (error) {
    return describeFailure(error);
  }
}

const ZWindowRowSchema = z.object({ windowId: z.string().min(1) });

export async function toggleMuteWindowAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAlertsAction(
    form,
    ZWindowRowSchema.extend({ enabled: z.enum(['true', 'false']).transform((value) => value === 'true') }),
    async (api, input) => {
      await setMuteWindowEnabled(api, input.windowId, input.enabled);
      return {};
    },
  );
}

export async function deleteMuteWindowAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAlertsAction(form, ZWindowRowSchema, async (api, input) => {
    await deleteMuteWindow(api, input.windowId);
    return {};
  });
}

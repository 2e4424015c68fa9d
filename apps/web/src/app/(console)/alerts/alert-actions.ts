'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import { createSilence } from '@/lib/api/alert-silences';
import { acknowledgeAlert, unacknowledgeAlert } from '@/lib/api/alerts';
import { runAlertsAction } from './run-alerts-action';

const ZAlertRowSchema = z.object({ alertId: z.string().min(1) });

/** POST /api/v1/alerts/:id/ack */
export async function acknowledgeAlertAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAlertsAction(form, ZAlertRowSchema, async (api, input) => {
    await acknowledgeAlert(api, input.alertId);
    return {};
  });
}

/** DELETE /api/v1/alerts/:id/ack */
export async function unacknowledgeAlertAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAlertsAction(form, ZAlertRowSchema, async (api, input) => {
    await unacknowledgeAlert(api, input.alertId);
    return {};
  });
}

/** What a silence made in one click says about itself (the API records who made it). */
const QUICK_SILENCE_COMMENT = 'Silenced for an hour from the alerts list';

/**
 * POST /api/v1/alert-silences { fromAlertId } for one hour: the alert's row silences it in one
 * click (the API derives the matchers from the alert's labels, as the silence form shows them).
 */
export async function silenceAlertForAnHourAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAlertsAction(form, ZAlertRowSchema, async (api, input) => {
    await createSilence(api, { fromAlertId: input.alertId, durationS: 3600, comment: QUICK_SILENCE_COMMENT });
    return {};
  });
}

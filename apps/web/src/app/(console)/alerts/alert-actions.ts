'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
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

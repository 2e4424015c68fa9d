import { EXEC_IDLE_TIMEOUT_RANGE_S, EXEC_MAX_DURATION_RANGE_S } from '@berth/api-contract';
import { z } from 'zod';

/** Blank: the server's limit (null); otherwise whole minutes within what the API accepts. */
function minutes(range: { min: number; max: number }) {
  return z
    .string()
    .trim()
    .transform((text, context) => {
      if (text === '') return null;
      const value = Number(text);
      if (!Number.isInteger(value) || value * 60 < range.min || value * 60 > range.max) {
        context.addIssue({
          code: 'custom',
          message: `Enter whole minutes from ${Math.ceil(range.min / 60)} to ${range.max / 60}, or leave it blank`,
        });
        return z.NEVER;
      }
      return value * 60;
    });
}

/**
 * The Exec settings form: two checkboxes (present = on) and two limits in minutes, sent as
 * the API's `ExecSettingsUpdate` (seconds, null = the server's limit).
 */
export const ZExecSettingsFormSchema = z
  .object({
    operatorsAllowed: z.literal('on').optional(),
    recordTranscripts: z.literal('on').optional(),
    idleTimeoutMinutes: minutes(EXEC_IDLE_TIMEOUT_RANGE_S),
    maxDurationMinutes: minutes(EXEC_MAX_DURATION_RANGE_S),
  })
  .transform((form) => ({
    operatorsAllowed: form.operatorsAllowed === 'on',
    recordTranscripts: form.recordTranscripts === 'on',
    idleTimeoutS: form.idleTimeoutMinutes,
    maxDurationS: form.maxDurationMinutes,
  }));

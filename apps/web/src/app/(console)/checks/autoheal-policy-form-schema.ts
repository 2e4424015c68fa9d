import { AUTOHEAL_MODES } from '@berth/api-contract';
import { z } from 'zod';

/**
 * The auto-restart form (container and group pages) → the API's policy fields. Kept apart because
 * server-action modules may export only async functions. Numbers arrive as text; the API checks
 * the ranges and names the field that is wrong.
 */
const number = (label: string) =>
  z.string().trim().regex(/^\d+$/, `${label}: a whole number`).transform(Number);

const ZSettingsFormSchema = z.object({
  mode: z.enum(AUTOHEAL_MODES, { message: 'Pick on-failure, unhealthy or off' }),
  backoffInitialS: number('First wait'),
  backoffCapS: number('Longest wait'),
  maxAttempts: number('Attempts'),
  windowS: number('Within'),
});

/** Set (no policyId: a new policy for the target) or change (policyId) the target's policy. */
export const ZSaveAutohealFormSchema = ZSettingsFormSchema.extend({
  policyId: z.string().min(1).optional(),
  hostId: z.string().min(1).optional(),
  containerName: z.string().min(1).optional(),
  groupId: z.string().min(1).optional(),
});

export const ZAutohealRefFormSchema = z.object({ policyId: z.string().min(1) });

'use server';

import { z } from 'zod';
import type { ActionState } from '@/components/settings/action-state';
import {
  expiryHours,
  expiryInstant,
  optionalWholeNumber,
  ZExpiryChoiceSchema,
  ZLabelsTextSchema,
} from '@/components/settings/form-parsing';
import { createEnrolmentToken } from '@/lib/api/enrolment-tokens';
import { runSettingsAction } from '../run-settings-action';

const ZEnrolmentFormSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the token (e.g. after the hosts it enrols)')
    .max(100, 'At most 100 characters'),
  expiresIn: ZExpiryChoiceSchema.refine((choice) => expiryHours(choice) <= 365 * 24, 'At most a year'),
  maxUses: optionalWholeNumber(1, 100_000),
  /** Not `labels`: see update-host-action.ts. */
  labelsText: ZLabelsTextSchema,
});

export type CreatedEnrolmentResult = {
  name: string;
  installCommand: string;
  expiresAt: string;
  maxUses: number | null;
  labels: Record<string, string>;
};

/** POST /api/v1/enrolment-tokens — the answer's install command embeds the secret: shown once. */
export async function createEnrolmentTokenAction(
  _previous: ActionState<CreatedEnrolmentResult>,
  form: FormData,
): Promise<ActionState<CreatedEnrolmentResult>> {
  return runSettingsAction(form, ZEnrolmentFormSchema, '/settings/enrolment-tokens', async (api, input) => {
    const created = await createEnrolmentToken(api, {
      name: input.name,
      expiresAt: expiryInstant(input.expiresIn, Date.now()),
      maxUses: input.maxUses,
      labels: input.labelsText,
    });
    return {
      result: {
        name: created.token.name,
        installCommand: created.installCommand,
        expiresAt: created.token.expiresAt,
        maxUses: created.token.maxUses,
        labels: created.token.labels,
      },
    };
  });
}

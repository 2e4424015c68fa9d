import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { type ActionState, describeFailure, fieldErrorsOf } from '@/components/settings/action-state';
import type { ApiClient } from '@/lib/api/api-client';
import { getServerApi } from '@/lib/api/server-api';

/**
 * The shape of every settings server action: parse the form with `schema` (errors by field),
 * call the API as the signed-in user, refresh `page` so its server component re-reads the
 * list, and turn an API refusal into the form's message.
 */
export async function runSettingsAction<S extends z.ZodType, R = never>(
  form: FormData,
  schema: S,
  page: string,
  call: (api: ApiClient, input: z.infer<S>) => Promise<ActionState<R>>,
): Promise<ActionState<R>> {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error.issues);
    return { error: `Check ${Object.keys(fieldErrors).join(', ')}.`, fieldErrors };
  }
  let state: ActionState<R>;
  try {
    state = await call(await getServerApi(), parsed.data);
  } catch (error) {
    return describeFailure(error);
  }
  revalidatePath(page);
  return state;
}

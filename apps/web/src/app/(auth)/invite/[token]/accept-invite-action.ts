'use server';

import { redirect } from 'next/navigation';
import { unstable_update } from '@/auth';
import { acceptInvite } from '@/lib/api/identity';
import { getServerApi } from '@/lib/api/server-api';
import { describeApiFailure } from '../../describe-api-failure';
import type { FormState } from '../../form-state';

/** Joins the organisation, makes it the current one, and opens its fleet. */
export async function acceptInviteAction(_previous: FormState, form: FormData): Promise<FormState> {
  let orgId: string;
  try {
    ({ orgId } = await acceptInvite(await getServerApi(), String(form.get('token') ?? '')));
  } catch (error) {
    return describeApiFailure(error);
  }
  await unstable_update({ orgId });
  redirect('/fleet');
}

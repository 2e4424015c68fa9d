'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { unstable_update } from '@/auth';
import { getMe } from '@/lib/api/identity';
import { getServerApi } from '@/lib/api/server-api';

/**
 * Makes `orgId` the session's organisation: the JWT's `orgId` claim is re-issued, so the
 * API (which reads it when no x-berth-org header is sent) follows on the next request.
 */
export async function switchOrganisationAction(orgId: string): Promise<{ ok: boolean }> {
  const parsed = z.uuid().safeParse(orgId);
  if (!parsed.success) return { ok: false };
  const me = await getMe(await getServerApi());
  if (!me.memberships.some((membership) => membership.orgId === parsed.data)) return { ok: false };
  await unstable_update({ orgId: parsed.data });
  revalidatePath('/', 'layout');
  return { ok: true };
}

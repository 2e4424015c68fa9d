import type { Db } from '../client.js';
import type { Role } from '../generated/prisma/enums.js';

export type UserMembership = { orgId: string; orgName: string; orgSlug: string; role: Role };

export async function crossTenantUserMemberships(db: Db, userId: string): Promise<UserMembership[]> {
  const rows = await db.$queryRaw<{ org_id: string; org_name: string; org_slug: string; role: Role }[]>`
    SELECT * FROM cross_tenant.user_memberships(${userId}::uuid)`;
  return rows.map((row) => ({
    orgId: row.org_id,
    orgName: row.org_name,
    orgSlug: row.org_slug,
    role: row.role,
  }));
}

/** Whether a console session (the JWT's `sid`) of this user is live; records its use. */
export async function crossTenantTouchUserSession(
  db: Db,
  sessionId: string,
  userId: string,
): Promise<boolean> {
  const rows = await db.$queryRaw<{ live: boolean }[]>`
    SELECT cross_tenant.touch_user_session(${sessionId}, ${userId}::uuid) AS live`;
  return rows[0]?.live === true;
}

/** The user an OIDC identity (issuer, subject) signed in as before; null for a new identity. */
export async function crossTenantFindUserByIdentity(
  db: Db,
  issuer: string,
  subject: string,
): Promise<string | null> {
  const rows = await db.$queryRaw<{ user_id: string | null }[]>`
    SELECT cross_tenant.find_user_by_identity(${issuer}, ${subject}) AS user_id`;
  return rows[0]?.user_id ?? null;
}

import type { Db } from '../client.js';
import type { Role } from '../generated/prisma/enums.js';

export type ApiTokenIdentity = { tokenId: string; orgId: string; role: Role; createdBy: string | null };

export async function crossTenantAuthenticateApiToken(
  db: Db,
  tokenHash: string,
): Promise<ApiTokenIdentity | null> {
  const rows = await db.$queryRaw<
    { token_id: string; org_id: string; role: Role; created_by: string | null }[]
  >`
    SELECT * FROM cross_tenant.authenticate_api_token(${tokenHash})`;
  const row = rows[0];
  return row ? { tokenId: row.token_id, orgId: row.org_id, role: row.role, createdBy: row.created_by } : null;
}

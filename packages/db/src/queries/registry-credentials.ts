import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';

export type RegistryCredentialRow = { id: string; registry: string; username: string; createdAt: Date };

const VISIBLE = Prisma.sql`id, registry, username, created_at AS "createdAt"`;

/** The organisation's registry credentials, without their sealed passwords. */
export function listRegistryCredentials(tx: Tx, orgId: string): Promise<RegistryCredentialRow[]> {
  return tx.$queryRaw<RegistryCredentialRow[]>(Prisma.sql`
    SELECT ${VISIBLE} FROM registry_credentials WHERE org_id = ${orgId}::uuid ORDER BY registry`);
}

/** Null when the organisation already has credentials for that registry. */
export async function insertRegistryCredential(
  tx: Tx,
  row: {
    id: string;
    orgId: string;
    registry: string;
    username: string;
    passwordSealed: string;
    createdBy: string | null;
  },
): Promise<RegistryCredentialRow | null> {
  const [created] = await tx.$queryRaw<RegistryCredentialRow[]>(Prisma.sql`
    INSERT INTO registry_credentials (id, org_id, registry, username, password_sealed, created_by)
    VALUES (${row.id}::uuid, ${row.orgId}::uuid, ${row.registry}, ${row.username}, ${row.passwordSealed},
      ${row.createdBy}::uuid)
    ON CONFLICT (org_id, registry) DO NOTHING
    RETURNING ${VISIBLE}`);
  return created ?? null;
}

/** The deleted row, or null when there was none. */
export async function deleteRegistryCredential(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<RegistryCredentialRow | null> {
  const [deleted] = await tx.$queryRaw<RegistryCredentialRow[]>(Prisma.sql`
    DELETE FROM registry_credentials WHERE org_id = ${orgId}::uuid AND id = ${id}::uuid RETURNING ${VISIBLE}`);
  return deleted ?? null;
}

import { randomUUID } from 'node:crypto';
import type {
  CreateRegistryCredential,
  RegistryCredential,
  RegistryCredentialList,
} from '@berth/api-contract';
import { registryCredentialSealContext } from '@berth/db';
import {
  deleteRegistryCredential as deleteRow,
  insertRegistryCredential,
  listRegistryCredentials as listRows,
  type RegistryCredentialRow,
} from '@berth/db/queries';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';

const view = (row: RegistryCredentialRow): RegistryCredential => ({
  id: row.id,
  registry: row.registry,
  username: row.username,
  createdAt: row.createdAt.toISOString(),
});

export async function listRegistryCredentials(
  ctx: ApiContext,
  principal: Principal,
): Promise<RegistryCredentialList> {
  const rows = await inOrg(ctx, principal, (tx) => listRows(tx, principal.orgId));
  return { items: rows.map(view) };
}

/**
 * Stores credentials for a registry, the password sealed to the new row (its id is chosen first:
 * the ciphertext is bound to it). Neither the answer nor the audit carries the password.
 */
export async function createRegistryCredential(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  input: CreateRegistryCredential,
): Promise<RegistryCredential> {
  const id = randomUUID();
  const passwordSealed = ctx.secrets.seal(
    input.password,
    registryCredentialSealContext({ orgId: principal.orgId, id }),
  );
  return inOrg(ctx, principal, async (tx) => {
    const row = await insertRegistryCredential(tx, {
      id,
      orgId: principal.orgId,
      registry: input.registry,
      username: input.username,
      passwordSealed,
      createdBy: actingUserId(principal),
    });
    if (!row)
      throw new AppError('conflict', `credentials for ${input.registry} exist already; delete them first`, {
        field: 'registry',
      });
    await writeAudit(tx, principal, request, {
      action: 'registry_credential.create',
      targetType: 'registry_credential',
      targetId: id,
      details: { registry: row.registry, username: row.username },
    });
    return view(row);
  });
}

export async function deleteRegistryCredential(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  credentialId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const row = await deleteRow(tx, principal.orgId, credentialId);
    if (!row) throw new AppError('not_found', 'no such registry credential');
    await writeAudit(tx, principal, request, {
      action: 'registry_credential.delete',
      targetType: 'registry_credential',
      targetId: credentialId,
      details: { registry: row.registry, username: row.username },
    });
  });
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { Tx } from '@berth/db';
import type { FastifyRequest } from 'fastify';
import { writeAudit } from '../../audit/write-audit.js';

/** A URL-safe slug from a name plus a random suffix (slugs are unique across Berth). */
function slugFor(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'org'}-${randomBytes(3).toString('hex')}`;
}

/**
 * Inside a transaction already scoped to `orgId` (the new org's id: the organizations
 * policy compares `id`), creates the organisation with `userId` as its owner.
 */
export async function createOrgWithOwner(
  tx: Tx,
  request: FastifyRequest,
  input: { orgId: string; userId: string; name: string },
): Promise<{ id: string; name: string; slug: string }> {
  const org = await tx.organization.create({
    data: { id: input.orgId, name: input.name, slug: slugFor(input.name) },
    select: { id: true, name: true, slug: true },
  });
  await tx.membership.create({ data: { orgId: org.id, userId: input.userId, role: 'owner' } });
  const principal = { kind: 'user' as const, userId: input.userId, orgId: org.id, role: 'owner' as const };
  await writeAudit(tx, principal, request, {
    action: 'org.create',
    targetType: 'org',
    targetId: org.id,
    details: { name: org.name },
  });
  return org;
}

export function newOrgId(): string {
  return randomUUID();
}

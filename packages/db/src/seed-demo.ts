import { randomUUID } from 'node:crypto';
import type { Db } from './client.js';
import { crossTenantFindUserForSignIn, crossTenantUserMemberships } from './cross-tenant/index.js';
import { generatePassword, hashPassword } from './passwords.js';
import { withOrg } from './with-org.js';

export type DemoSeed =
  | { created: true; orgId: string; userId: string; email: string; password: string }
  | { created: false; orgId: string; userId: string; email: string };

/**
 * Embedded mode's demo organisation and its owner. Idempotent: on later runs the
 * existing account is kept and its password is not shown again (it was printed once).
 */
export async function seedDemo(db: Db, email = 'admin@berth.local', orgName = 'Demo'): Promise<DemoSeed> {
  const existing = await crossTenantFindUserForSignIn(db, email);
  if (existing) {
    const [membership] = await crossTenantUserMemberships(db, existing.userId);
    if (membership) return { created: false, orgId: membership.orgId, userId: existing.userId, email };
  }
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const orgId = randomUUID();
  const userId = existing?.userId ?? randomUUID();
  await withOrg(
    db,
    orgId,
    async (tx) => {
      if (!existing) await tx.user.create({ data: { id: userId, email, name: 'Demo admin', passwordHash } });
      else await tx.user.update({ where: { id: userId }, data: { passwordHash } });
      await tx.organization.create({ data: { id: orgId, name: orgName, slug: `demo-${orgId.slice(0, 8)}` } });
      await tx.membership.create({ data: { orgId, userId, role: 'owner' } });
    },
    { userId },
  );
  return { created: true, orgId, userId, email, password };
}

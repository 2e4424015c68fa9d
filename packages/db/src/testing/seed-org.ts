import { randomUUID } from 'node:crypto';
import type { Db } from '../client.js';
import type { Role } from '../generated/prisma/enums.js';
import { issueSecret } from '../secrets.js';
import { withOrg } from '../with-org.js';

export type SeededOrg = { orgId: string; userId: string; hostId: string; hostCredential: string };

/** An organisation with one member of `role` and one enrolled host: tests' starting point. */
export async function seedOrg(db: Db, options: { role?: Role; name?: string } = {}): Promise<SeededOrg> {
  const orgId = randomUUID();
  const userId = randomUUID();
  const hostId = randomUUID();
  const credential = issueSecret('host');
  const tag = orgId.slice(0, 8);
  await withOrg(
    db,
    orgId,
    async (tx) => {
      await tx.user.create({ data: { id: userId, email: `user-${tag}@example.test` } });
      await tx.organization.create({
        data: { id: orgId, name: options.name ?? `Org ${tag}`, slug: `org-${tag}` },
      });
      await tx.membership.create({ data: { orgId, userId, role: options.role ?? 'owner' } });
      await tx.host.create({
        data: {
          id: hostId,
          orgId,
          name: `host-${tag}`,
          hostname: `host-${tag}`,
          credentialHash: credential.hash,
        },
      });
    },
    { userId },
  );
  return { orgId, userId, hostId, hostCredential: credential.secret };
}

/** An enrolment token of `orgId`, valid for an hour; resolves to the secret an agent presents. */
export async function seedEnrolmentToken(db: Db, orgId: string, name = 'test'): Promise<string> {
  const token = issueSecret('enrol');
  await withOrg(db, orgId, (tx) =>
    tx.enrollmentToken.create({
      data: {
        orgId,
        name,
        prefix: token.prefix,
        tokenHash: token.hash,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    }),
  );
  return token.secret;
}

import { randomBytes, randomUUID } from 'node:crypto';
import {
  crossTenantIssuePasswordReset,
  hashSecret,
  issueSecret,
  type Role,
  withOrg,
  withUser,
} from '@berth/db';
import { seedOrg, type TestDatabase } from '@berth/db/testing';
import pg from 'pg';
import { issueInviteToken } from '../../services/identity/invites/invite-token.js';
import { apiTokenFor, sessionCookieFor } from '../api-harness.js';
import { seedMember } from './identity-harness.js';

export type Member = { userId: string; email: string; cookie: string };

/** An organisation with one member of each role, each signed in, and an admin API token. */
export type World = {
  orgId: string;
  hostId: string;
  owner: Member;
  admin: Member;
  operator: Member;
  viewer: Member;
  adminToken: string;
};

async function signedIn(
  database: TestDatabase,
  orgId: string,
  userId: string,
  email: string,
): Promise<Member> {
  return { userId, email, cookie: await sessionCookieFor(userId, orgId, { database }) };
}

export async function createWorld(database: TestDatabase): Promise<World> {
  const org = await seedOrg(database.db);
  const ownerEmail = `user-${org.orgId.slice(0, 8)}@example.test`;
  const members = await Promise.all(
    (['admin', 'operator', 'viewer'] as const).map((role) => seedMember(database, org.orgId, role)),
  );
  const [admin, operator, viewer] = members as [
    (typeof members)[0],
    (typeof members)[0],
    (typeof members)[0],
  ];
  return {
    orgId: org.orgId,
    hostId: org.hostId,
    owner: await signedIn(database, org.orgId, org.userId, ownerEmail),
    admin: await signedIn(database, org.orgId, admin.userId, admin.email),
    operator: await signedIn(database, org.orgId, operator.userId, operator.email),
    viewer: await signedIn(database, org.orgId, viewer.userId, viewer.email),
    adminToken: await apiTokenFor(database, org.orgId, 'admin'),
  };
}

export async function addTeam(
  database: TestDatabase,
  orgId: string,
  memberIds: string[] = [],
): Promise<string> {
  return withOrg(database.db, orgId, async (tx) => {
    const team = await tx.team.create({ data: { orgId, name: `team-${randomUUID().slice(0, 8)}` } });
    for (const userId of memberIds) await tx.teamMember.create({ data: { orgId, teamId: team.id, userId } });
    return team.id;
  });
}

export async function addInvite(
  database: TestDatabase,
  orgId: string,
  options: { email?: string; role?: Role; expiresAt?: Date } = {},
): Promise<{ inviteId: string; token: string; email: string }> {
  const { token, hash } = issueInviteToken();
  const email = options.email ?? `invitee-${randomUUID().slice(0, 8)}@example.test`;
  const invite = await withOrg(database.db, orgId, (tx) =>
    tx.invite.create({
      data: {
        orgId,
        email,
        role: options.role ?? 'viewer',
        tokenHash: hash,
        expiresAt: options.expiresAt ?? new Date(Date.now() + 86_400_000),
      },
    }),
  );
  return { inviteId: invite.id, token, email };
}

export async function addApiToken(
  database: TestDatabase,
  orgId: string,
  createdBy: string,
  role: Role = 'viewer',
): Promise<{ tokenId: string; secret: string }> {
  const issued = issueSecret('api');
  const token = await withOrg(database.db, orgId, (tx) =>
    tx.apiToken.create({
      data: { orgId, name: 'made in test', prefix: issued.prefix, tokenHash: issued.hash, role, createdBy },
    }),
  );
  return { tokenId: token.id, secret: issued.secret };
}

export async function addSession(database: TestDatabase, userId: string): Promise<string> {
  const sid = randomBytes(24).toString('base64url');
  await withUser(database.db, userId, async (tx) => {
    await tx.userSession.create({ data: { id: sid, userId, expiresAt: new Date(Date.now() + 86_400_000) } });
  });
  return sid;
}

/** A password-reset link's token for the account of `email`. */
export async function addPasswordReset(database: TestDatabase, email: string): Promise<string> {
  const token = `berth_reset_${randomBytes(32).toString('base64url')}`;
  await crossTenantIssuePasswordReset(database.db, email, hashSecret(token), null);
  return token;
}

/** A mailed sign-in unlock link's token for `userId` (written as the owner, as the throttle would). */
export async function addSignInUnlock(database: TestDatabase, userId: string): Promise<string> {
  const token = `berth_unlock_${randomBytes(32).toString('base64url')}`;
  const owner = new pg.Client({ connectionString: database.adminUrl });
  await owner.connect();
  try {
    await owner.query(
      "INSERT INTO sign_in_unlocks (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 hour')",
      [userId, hashSecret(token)],
    );
  } finally {
    await owner.end();
  }
  return token;
}

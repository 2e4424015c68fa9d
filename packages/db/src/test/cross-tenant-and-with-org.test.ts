import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crossTenantAuthenticateApiToken,
  crossTenantAuthenticateHost,
  crossTenantConsumeEnrollmentToken,
  crossTenantFindUserForSignIn,
  crossTenantUserMemberships,
} from '../cross-tenant/index.js';
import { verifyPassword } from '../passwords.js';
import { issueSecret } from '../secrets.js';
import { seedDemo } from '../seed-demo.js';
import { createTestDatabase, seedOrg, type TestDatabase } from '../testing/index.js';
import { withOrg } from '../with-org.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('withOrg', () => {
  it('scopes a transaction and leaves no org on the pooled connection afterwards', async () => {
    const a = await seedOrg(database.db);
    const b = await seedOrg(database.db);
    const seen = await withOrg(database.db, a.orgId, (tx) => tx.host.findMany());
    expect(seen.map((host) => host.id)).toEqual([a.hostId]);
    // Same pool, no context: nothing, even from a connection that just carried A's context.
    for (let i = 0; i < 8; i += 1) expect(await database.db.host.count()).toBe(0);
    expect(await withOrg(database.db, b.orgId, (tx) => tx.host.count())).toBe(1);
  });

  it('rejects an org id that is not a UUID before touching the database', async () => {
    await expect(withOrg(database.db, "x' OR 1=1 --", (tx) => tx.host.count())).rejects.toThrow(
      /orgId must be a UUID/,
    );
  });

  it('rolls back everything when the callback throws', async () => {
    const a = await seedOrg(database.db);
    await expect(
      withOrg(database.db, a.orgId, async (tx) => {
        await tx.host.update({ where: { id: a.hostId }, data: { name: 'renamed' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const host = await withOrg(database.db, a.orgId, (tx) =>
      tx.host.findUniqueOrThrow({ where: { id: a.hostId } }),
    );
    expect(host.name).not.toBe('renamed');
  });
});

describe('cross-tenant look-ups', () => {
  it('authenticates a host by credential hash only', async () => {
    const a = await seedOrg(database.db);
    const { hashSecret } = await import('../secrets.js');
    const identity = await crossTenantAuthenticateHost(database.pool, hashSecret(a.hostCredential));
    expect(identity).toEqual({ hostId: a.hostId, orgId: a.orgId, revoked: false, lastSeq: 0n });
    expect(await crossTenantAuthenticateHost(database.pool, hashSecret('berth_host_wrong'))).toBeNull();
  });

  it('consumes an enrolment token up to its maximum uses and reports why it refuses', async () => {
    const a = await seedOrg(database.db);
    const make = async (data: { maxUses?: number; expiresAt?: Date; revokedAt?: Date }) => {
      const secret = issueSecret('enrol');
      await withOrg(database.db, a.orgId, (tx) =>
        tx.enrollmentToken.create({
          data: {
            orgId: a.orgId,
            name: 't',
            prefix: secret.prefix,
            tokenHash: secret.hash,
            labels: { env: 'prod' },
            expiresAt: data.expiresAt ?? new Date(Date.now() + 60_000),
            maxUses: data.maxUses ?? null,
            revokedAt: data.revokedAt ?? null,
          },
        }),
      );
      return secret.hash;
    };
    const twice = await make({ maxUses: 2 });
    const outcomes = [];
    for (let i = 0; i < 3; i += 1)
      outcomes.push((await crossTenantConsumeEnrollmentToken(database.pool, twice)).status);
    expect(outcomes).toEqual(['ok', 'ok', 'exhausted']);
    const ok = await crossTenantConsumeEnrollmentToken(database.pool, await make({}));
    expect(ok).toMatchObject({ status: 'ok', orgId: a.orgId, labels: { env: 'prod' } });
    expect(
      (
        await crossTenantConsumeEnrollmentToken(
          database.pool,
          await make({ expiresAt: new Date(Date.now() - 1) }),
        )
      ).status,
    ).toBe('expired');
    expect(
      (await crossTenantConsumeEnrollmentToken(database.pool, await make({ revokedAt: new Date() }))).status,
    ).toBe('revoked');
    expect((await crossTenantConsumeEnrollmentToken(database.pool, 'nope')).status).toBe('unknown');
  });

  it('authenticates live API tokens and ignores revoked or expired ones', async () => {
    const a = await seedOrg(database.db);
    const live = issueSecret('api');
    const expired = issueSecret('api');
    await withOrg(database.db, a.orgId, (tx) =>
      tx.apiToken.createMany({
        data: [
          { orgId: a.orgId, name: 'live', prefix: live.prefix, tokenHash: live.hash, role: 'operator' },
          {
            orgId: a.orgId,
            name: 'old',
            prefix: expired.prefix,
            tokenHash: expired.hash,
            role: 'admin',
            expiresAt: new Date(Date.now() - 1000),
          },
        ],
      }),
    );
    expect(await crossTenantAuthenticateApiToken(database.db, live.hash)).toMatchObject({
      orgId: a.orgId,
      role: 'operator',
    });
    expect(await crossTenantAuthenticateApiToken(database.db, expired.hash)).toBeNull();
    const used = await withOrg(database.db, a.orgId, (tx) =>
      tx.apiToken.findFirstOrThrow({ where: { name: 'live' } }),
    );
    expect(used.lastUsedAt).toBeInstanceOf(Date);
  });
});

describe('seedDemo', () => {
  it('creates the demo owner once, with a working password, and never shows it again', async () => {
    const email = `demo-${Date.now()}@berth.local`;
    const first = await seedDemo(database.db, email);
    expect(first.created).toBe(true);
    if (!first.created) return;
    const record = await crossTenantFindUserForSignIn(database.db, email.toUpperCase());
    expect(record?.passwordHash && (await verifyPassword(record.passwordHash, first.password))).toBe(true);
    const memberships = await crossTenantUserMemberships(database.db, first.userId);
    expect(memberships).toEqual([
      expect.objectContaining({ orgId: first.orgId, role: 'owner', orgName: 'Demo' }),
    ]);
    const again = await seedDemo(database.db, email);
    expect(again).toEqual({ created: false, orgId: first.orgId, userId: first.userId, email });
  });
});

import { type Db, issueSecret, withOrg } from '@berth/db';
import { createTestDatabase, seedOrg } from '@berth/db/testing';

/** A migrated database for one fault test: owner URL (counting), runtime URL (gateway), a client. */
export type FaultDatabase = {
  adminUrl: string;
  appUrl: string;
  db: Db;
  close(): Promise<void>;
};

/** A fresh database on the machine's PostgreSQL (cloned from the migrated template). */
export async function machineDatabase(): Promise<FaultDatabase> {
  const database = await createTestDatabase();
  return {
    adminUrl: database.adminUrl,
    appUrl: database.appUrl,
    db: database.db,
    close: () => database.drop(),
  };
}

/** An organisation and an enrolment token for it (what "Add host" in the console hands out). */
export async function seedEnrolment(db: Db): Promise<{ orgId: string; token: string }> {
  const { orgId } = await seedOrg(db);
  const token = issueSecret('enrol');
  await withOrg(db, orgId, (tx) =>
    tx.enrollmentToken.create({
      data: {
        orgId,
        name: 'e2e faults',
        prefix: token.prefix,
        tokenHash: token.hash,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    }),
  );
  return { orgId, token: token.secret };
}

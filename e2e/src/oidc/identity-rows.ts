import pg from 'pg';

export type UserRow = {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
  hasPassword: boolean;
};
export type MembershipRow = { orgId: string; orgName: string; role: string };
export type AuditRow = { action: string; orgId: string; details: Record<string, unknown> };
export type SessionRow = { id: string; revoked: boolean };
export type IdentityRow = { issuer: string; subject: string; email: string };

/**
 * What sign-in left in the database, read as the database owner (past row-level security),
 * so the test checks the rows themselves rather than what the API chooses to show.
 */
export class IdentityRows {
  private constructor(private readonly client: pg.Client) {}

  static async connect(adminUrl: string): Promise<IdentityRows> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    return new IdentityRows(client);
  }

  async usersWithEmail(email: string): Promise<UserRow[]> {
    const { rows } = await this.client.query<UserRow>(
      `SELECT id, email, name, email_verified IS NOT NULL AS "emailVerified",
              password_hash IS NOT NULL AS "hasPassword"
         FROM users WHERE lower(email) = lower($1) ORDER BY created_at`,
      [email],
    );
    return rows;
  }

  async memberships(userId: string): Promise<MembershipRow[]> {
    const { rows } = await this.client.query<MembershipRow>(
      `SELECT m.org_id AS "orgId", o.name AS "orgName", m.role::text AS role
         FROM memberships m JOIN organizations o ON o.id = m.org_id
        WHERE m.user_id = $1 ORDER BY m.created_at`,
      [userId],
    );
    return rows;
  }

  async audit(userId: string): Promise<AuditRow[]> {
    const { rows } = await this.client.query<AuditRow>(
      `SELECT action, org_id AS "orgId", details FROM audit_logs
        WHERE actor_user_id = $1 AND target_id = $1::text ORDER BY id`,
      [userId],
    );
    return rows;
  }

  async identities(userId: string): Promise<IdentityRow[]> {
    const { rows } = await this.client.query<IdentityRow>(
      'SELECT issuer, subject, email FROM user_identities WHERE user_id = $1 ORDER BY created_at',
      [userId],
    );
    return rows;
  }

  async sessions(userId: string): Promise<SessionRow[]> {
    const { rows } = await this.client.query<SessionRow>(
      `SELECT id, revoked_at IS NOT NULL AS revoked FROM user_sessions WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
    return rows;
  }

  /** As a completed password reset leaves it: the address proven by a link sent to it. */
  async markEmailVerified(userId: string): Promise<void> {
    await this.client.query('UPDATE users SET email_verified = now() WHERE id = $1', [userId]);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieFor } from '../api-harness.js';
import {
  call,
  type IdentityHarness,
  seedLoneUser,
  seedMember,
  startIdentityApi,
} from './identity-harness.js';
import { linkIn, tokenOf } from './mail-sink.js';
import { addApiToken, addInvite, createWorld } from './world.js';

let h: IdentityHarness;
let owner: pg.Client;
beforeAll(async () => {
  h = await startIdentityApi();
  owner = new pg.Client({ connectionString: h.database.adminUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await h?.stop();
});

const roleOf = async (orgId: string, userId: string) =>
  (await owner.query('SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2', [orgId, userId]))
    .rows[0]?.role;

describe('member roles', () => {
  it('keeps the last owner: no demotion, removal or leaving; with a second owner all work', async () => {
    const w = await createWorld(h.database);
    const auth = { cookie: w.owner.cookie };
    const demote = await call(h, 'PATCH', `/api/v1/members/${w.owner.userId}`, auth, { role: 'admin' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/at least one owner/);
    expect((await call(h, 'DELETE', `/api/v1/members/${w.owner.userId}`, auth)).statusCode).toBe(409);
    expect((await call(h, 'POST', '/api/v1/org/leave', auth)).statusCode).toBe(409);
    expect(
      (await call(h, 'PATCH', `/api/v1/members/${w.admin.userId}`, auth, { role: 'owner' })).statusCode,
    ).toBe(200);
    expect(
      (await call(h, 'PATCH', `/api/v1/members/${w.owner.userId}`, auth, { role: 'viewer' })).statusCode,
    ).toBe(200);
    expect(await roleOf(w.orgId, w.owner.userId)).toBe('viewer');
  });

  it('lets only owners grant or touch owner, and nobody raise their own role', async () => {
    const w = await createWorld(h.database);
    const asAdmin = { cookie: w.admin.cookie };
    const grant = await call(h, 'PATCH', `/api/v1/members/${w.viewer.userId}`, asAdmin, { role: 'owner' });
    expect(grant.statusCode).toBe(403);
    expect(
      (await call(h, 'PATCH', `/api/v1/members/${w.owner.userId}`, asAdmin, { role: 'viewer' })).statusCode,
    ).toBe(403);
    expect((await call(h, 'DELETE', `/api/v1/members/${w.owner.userId}`, asAdmin)).statusCode).toBe(403);
    const self = await call(h, 'PATCH', `/api/v1/members/${w.admin.userId}`, asAdmin, { role: 'owner' });
    expect(self.statusCode).toBe(403);
    const invite = await call(h, 'POST', '/api/v1/invites', asAdmin, {
      email: 'boss@example.test',
      role: 'owner',
    });
    expect(invite.statusCode).toBe(403);
    expect(invite.json().error.details.issues[0].field).toBe('role');
    expect(await roleOf(w.orgId, w.owner.userId)).toBe('owner');
    expect(
      (await call(h, 'PATCH', `/api/v1/members/${w.viewer.userId}`, asAdmin, { role: 'admin' })).statusCode,
    ).toBe(200);
    expect(
      (await call(h, 'PATCH', `/api/v1/members/${w.admin.userId}`, asAdmin, { role: 'viewer' })).statusCode,
    ).toBe(200);
  });

  it("caps a demoted member's tokens at the new role and revokes a removed member's tokens", async () => {
    const w = await createWorld(h.database);
    const adminsToken = await addApiToken(h.database, w.orgId, w.admin.userId, 'admin');
    const operatorsToken = await addApiToken(h.database, w.orgId, w.operator.userId, 'operator');
    const auth = { cookie: w.owner.cookie };
    await call(h, 'PATCH', `/api/v1/members/${w.admin.userId}`, auth, { role: 'viewer' });
    const me = await call(h, 'GET', '/api/v1/me', { token: adminsToken.secret });
    expect(me.json().org.role).toBe('viewer');
    expect((await call(h, 'DELETE', `/api/v1/members/${w.operator.userId}`, auth)).statusCode).toBe(204);
    expect((await call(h, 'GET', '/api/v1/me', { token: operatorsToken.secret })).statusCode).toBe(401);
    expect((await call(h, 'GET', '/api/v1/members', { cookie: w.operator.cookie })).statusCode).toBe(403);
    const audit = await call(h, 'GET', '/api/v1/audit-logs?action=member.*', auth);
    expect(audit.json().items.map((row: { action: string }) => row.action)).toEqual([
      'member.remove',
      'member.role_change',
    ]);
  });
});

describe('invites', () => {
  it('mails a link (also shown to the admin) that the invitee accepts once', async () => {
    const w = await createWorld(h.database);
    const inviteeId = await seedLoneUser(h.database, 'newbie@example.test', 'newbie password 1');
    const created = await call(
      h,
      'POST',
      '/api/v1/invites',
      { cookie: w.admin.cookie },
      {
        email: 'Newbie@example.test',
        role: 'operator',
        expiresInHours: 24,
      },
    );
    expect(created.statusCode).toBe(201);
    const { url, invite, mailed } = created.json();
    expect(mailed).toBe(true);
    expect(invite).toMatchObject({ email: 'newbie@example.test', role: 'operator', status: 'pending' });
    const mailedLink = linkIn(await h.mail.next('newbie@example.test'));
    expect(mailedLink).toBe(url);
    // The console's invite page is /invite/<token> (apps/web src/app/(auth)/invite/[token]).
    expect(url).toMatch(/^http:\/\/berth\.test\/invite\/berth_invite_[\w-]+$/);
    const token = tokenOf(url);
    const inspected = await call(h, 'POST', '/api/v1/invites/inspect', {}, { token });
    expect(inspected.json()).toMatchObject({
      email: 'newbie@example.test',
      role: 'operator',
      status: 'pending',
    });
    const outsider = await sessionCookieFor((await seedMember(h.database, w.orgId, 'viewer')).userId);
    expect(
      (await call(h, 'POST', '/api/v1/invites/accept', { cookie: outsider }, { token })).statusCode,
    ).toBe(403);
    const cookie = await sessionCookieFor(inviteeId);
    const accepted = await call(h, 'POST', '/api/v1/invites/accept', { cookie }, { token });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ orgId: w.orgId, role: 'operator' });
    expect(await roleOf(w.orgId, inviteeId)).toBe('operator');
    const again = await call(h, 'POST', '/api/v1/invites/accept', { cookie }, { token });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.details.reason).toBe('accepted');
  });

  it('refuses expired and revoked links', async () => {
    const w = await createWorld(h.database);
    const userId = await seedLoneUser(h.database, 'late@example.test', 'late password 123');
    const cookie = await sessionCookieFor(userId);
    const expired = await addInvite(h.database, w.orgId, {
      email: 'late@example.test',
      expiresAt: new Date(Date.now() - 1000),
    });
    const late = await call(h, 'POST', '/api/v1/invites/accept', { cookie }, { token: expired.token });
    expect([late.statusCode, late.json().error.details.reason]).toEqual([410, 'expired']);
    const revoked = await addInvite(h.database, w.orgId, { email: 'late@example.test' });
    expect(
      (await call(h, 'DELETE', `/api/v1/invites/${revoked.inviteId}`, { cookie: w.admin.cookie })).statusCode,
    ).toBe(204);
    const refused = await call(h, 'POST', '/api/v1/invites/accept', { cookie }, { token: revoked.token });
    expect([refused.statusCode, refused.json().error.details.reason]).toEqual([410, 'revoked']);
    expect(await roleOf(w.orgId, userId)).toBeUndefined();
  });

  it('signs up with an invite into the inviting organisation only, for the invited address only', async () => {
    const w = await createWorld(h.database);
    const invite = await addInvite(h.database, w.orgId, { email: 'joiner@example.test', role: 'viewer' });
    const password = 'joiner password 1';
    const mismatch = await call(
      h,
      'POST',
      '/api/v1/auth/sign-up',
      {},
      {
        email: 'other@example.test',
        password,
        inviteToken: invite.token,
      },
    );
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.details.issues[0].field).toBe('email');
    const joined = await call(
      h,
      'POST',
      '/api/v1/auth/sign-up',
      {},
      {
        email: 'joiner@example.test',
        password,
        inviteToken: invite.token,
      },
    );
    expect(joined.statusCode).toBe(201);
    expect(joined.json().memberships).toEqual([expect.objectContaining({ orgId: w.orgId, role: 'viewer' })]);
    const reuse = await call(
      h,
      'POST',
      '/api/v1/auth/sign-up',
      {},
      {
        email: 'joiner2@example.test',
        password,
        inviteToken: invite.token,
      },
    );
    expect(reuse.statusCode).toBe(410);
  });

  it('lists invites newest first with cursor pagination, and filters pending ones', async () => {
    const w = await createWorld(h.database);
    for (let i = 0; i < 5; i += 1) await addInvite(h.database, w.orgId);
    const revoked = await addInvite(h.database, w.orgId);
    await call(h, 'DELETE', `/api/v1/invites/${revoked.inviteId}`, { cookie: w.owner.cookie });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/invites?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call(h, 'GET', url, { cookie: w.owner.cookie })).json();
      seen.push(...page.items.map((item: { id: string }) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen[0]).toBe(revoked.inviteId);
    const pending = (
      await call(h, 'GET', '/api/v1/invites?status=pending', { cookie: w.owner.cookie })
    ).json();
    expect(pending.items).toHaveLength(5);
    const bad = await call(h, 'GET', '/api/v1/invites?cursor=not-a-cursor', { cookie: w.owner.cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('cursor');
  });
});

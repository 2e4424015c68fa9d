import { hashSecret } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstallCommand } from '../../services/fleet/install-command.js';
import type { TestApi } from '../api-harness.js';
import { call, type FleetWorld, ownerRows, startFleetApi } from './fleet-world.js';

let harness: TestApi;
let world: FleetWorld;

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
});
afterAll(() => harness?.stop());

const create = (payload: unknown) =>
  call(harness, 'POST', '/api/v1/enrolment-tokens', world.callers.admin, payload);

describe('enrolment tokens', () => {
  it('creates a token whose secret is shown once with the one-line install command', async () => {
    const expiresAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const response = await create({
      name: 'web tier',
      expiresAt,
      maxUses: 5,
      labels: { env: 'prod', tier: 'web' },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.secret).toMatch(/^berth_enrol_[A-Za-z0-9_-]{43}$/);
    expect(body.installCommand).toBe(
      `curl -fsSL http://berth.test/install.sh | sh -s -- --token ${body.secret} --server http://gateway.test`,
    );
    expect(body.token).toMatchObject({
      name: 'web tier',
      prefix: body.secret.slice(0, 18),
      labels: { env: 'prod', tier: 'web' },
      maxUses: 5,
      uses: 0,
      status: 'active',
      expiresAt,
      revokedAt: null,
    });
    const [stored] = await ownerRows<{ token_hash: string; org_id: string }>(
      harness.database,
      'SELECT token_hash, org_id::text FROM enrollment_tokens WHERE id = $1::uuid',
      body.token.id,
    );
    expect(stored).toEqual({ token_hash: hashSecret(body.secret), org_id: world.orgId });
    const audit = await ownerRows<{ action: string }>(
      harness.database,
      'SELECT action FROM audit_logs WHERE org_id = $1::uuid AND target_id = $2',
      world.orgId,
      body.token.id,
    );
    expect(audit).toEqual([{ action: 'enrolment_token.create' }]);
    const listed = (await call(harness, 'GET', '/api/v1/enrolment-tokens', world.callers.admin)).json();
    expect(JSON.stringify(listed)).not.toContain(body.secret);
  });

  it('defaults to a 7-day expiry and no use limit', async () => {
    const body = (await create({ name: 'defaults' })).json();
    expect(body.token.maxUses).toBeNull();
    expect(Date.parse(body.token.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  });

  it('quotes URLs with shell metacharacters in the install command', () => {
    const command = buildInstallCommand({
      publicUrl: 'https://berth.example.com/',
      gatewayUrl: "wss://gw.example.com/x?a=1&b='2'",
      token: 'berth_enrol_abc',
    });
    expect(command).toBe(
      "curl -fsSL https://berth.example.com/install.sh | sh -s -- --token berth_enrol_abc --server 'wss://gw.example.com/x?a=1&b='\"'\"'2'\"'\"''",
    );
  });

  it('lists tokens newest first, a page at a time, with their status', async () => {
    for (const name of ['p1', 'p2', 'p3']) await create({ name });
    const seen: { id: string; createdAt: string; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/enrolment-tokens?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call(harness, 'GET', url, world.callers.admin)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const [stored] = await ownerRows<{ n: number }>(
      harness.database,
      'SELECT count(*)::int AS n FROM enrollment_tokens WHERE org_id = $1::uuid',
      world.orgId,
    );
    expect(seen).toHaveLength(stored?.n ?? -1);
    expect(new Set(seen.map((token) => token.id)).size).toBe(seen.length);
    const times = seen.map((token) => Date.parse(token.createdAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(seen.every((token) => token.status === 'active' || token.status === 'revoked')).toBe(true);
    const bad = await call(harness, 'GET', '/api/v1/enrolment-tokens?cursor=bm9wZQ', world.callers.admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('cursor');
  });

  it('revokes a token once, audited, and reports it revoked', async () => {
    const created = (await create({ name: 'to revoke' })).json();
    const url = `/api/v1/enrolment-tokens/${created.token.id}/revoke`;
    const first = await call(harness, 'POST', url, world.callers.owner);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    const again = await call(harness, 'POST', url, world.callers.owner);
    expect(again.json().revokedAt).toBe(first.json().revokedAt);
    const audit = await ownerRows(
      harness.database,
      "SELECT 1 FROM audit_logs WHERE target_id = $1 AND action = 'enrolment_token.revoke'",
      created.token.id,
    );
    expect(audit).toHaveLength(1);
    const missing = await call(
      harness,
      'POST',
      `/api/v1/enrolment-tokens/${crypto.randomUUID()}/revoke`,
      world.callers.owner,
    );
    expect(missing.statusCode).toBe(404);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x', expiresAt: new Date(Date.now() - 1000).toISOString() }, 'expiresAt'],
      [{ name: 'x', expiresAt: '2030-01-01' }, 'expiresAt'],
      [{ name: 'x', maxUses: 0 }, 'maxUses'],
      [{ name: 'x', labels: { 'bad key!': 'v' } }, 'labels'],
    ];
    for (const [payload, field] of cases) {
      const response = await create(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const fields = response.json().error.details.issues.map((issue: { field: string }) => issue.field);
      expect(
        fields.some((f: string) => f.startsWith(field)),
        `${JSON.stringify(payload)} → ${fields}`,
      ).toBe(true);
    }
  });
});

import type { RegistryCredentialList } from '@berth/api-contract';
import { createSecretBox, registryCredentialSealContext, secretKeyRing } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { call, createFleetWorld, type FleetWorld, ownerRows } from './fleet-world.js';

let harness: TestApi;
let world: FleetWorld;
let other: FleetWorld;
const PASSWORD = 'dckr_pat_s3cret-value-for-tests';

beforeAll(async () => {
  harness = await startTestApi();
  world = await createFleetWorld(harness.database);
  other = await createFleetWorld(harness.database);
});
afterAll(() => harness?.stop());

describe('registry credentials', () => {
  it('are created by admins, sealed at rest, listed and audited without the password, and deleted', async () => {
    const created = await call(harness, 'POST', '/api/v1/registry-credentials', world.callers.admin, {
      registry: 'https://Registry-1.Docker.io/',
      username: 'berth-ci',
      password: PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(PASSWORD);
    const credential = created.json() as { id: string; registry: string; username: string };
    expect(credential).toMatchObject({ registry: 'docker.io', username: 'berth-ci' });

    const list = await call(harness, 'GET', '/api/v1/registry-credentials', world.callers.admin);
    expect(list.body).not.toContain(PASSWORD);
    expect((list.json() as RegistryCredentialList).items.map((item) => item.registry)).toEqual(['docker.io']);

    const [stored] = await ownerRows<{ password_sealed: string }>(
      harness.database,
      'SELECT password_sealed FROM registry_credentials WHERE id = $1::uuid',
      credential.id,
    );
    expect(stored?.password_sealed).toMatch(/^v1\./);
    expect(stored?.password_sealed).not.toContain(PASSWORD);
    // It opens for its own row only (the gateway opens it this way).
    const { settings } = harness.api.ctx;
    const box = createSecretBox(
      secretKeyRing({ secretsKeys: settings.secretKeys, authSecret: settings.authSecret }),
    );
    const context = registryCredentialSealContext({ orgId: world.orgId, id: credential.id });
    expect(box.open(stored?.password_sealed ?? '', context)).toBe(PASSWORD);
    expect(() => box.open(stored?.password_sealed ?? '', { ...context, orgId: other.orgId })).toThrow();

    const again = await call(harness, 'POST', '/api/v1/registry-credentials', world.callers.owner, {
      registry: 'docker.io',
      username: 'other',
      password: 'x',
    });
    expect(again.statusCode).toBe(409);

    // Another organisation sees none of it and cannot delete it.
    const theirs = await call(harness, 'GET', '/api/v1/registry-credentials', other.callers.admin);
    expect((theirs.json() as RegistryCredentialList).items).toEqual([]);
    const foreign = await call(
      harness,
      'DELETE',
      `/api/v1/registry-credentials/${credential.id}`,
      other.callers.admin,
    );
    expect(foreign.statusCode).toBe(404);

    const removed = await call(
      harness,
      'DELETE',
      `/api/v1/registry-credentials/${credential.id}`,
      world.callers.admin,
    );
    expect(removed.statusCode).toBe(204);
    const audits = await ownerRows<{ action: string; details: unknown }>(
      harness.database,
      `SELECT action, details FROM audit_logs WHERE org_id = $1::uuid AND action LIKE 'registry_credential.%' ORDER BY created_at`,
      world.orgId,
    );
    expect(audits).toEqual([
      { action: 'registry_credential.create', details: { registry: 'docker.io', username: 'berth-ci' } },
      { action: 'registry_credential.delete', details: { registry: 'docker.io', username: 'berth-ci' } },
    ]);
    expect(JSON.stringify(audits)).not.toContain(PASSWORD);
  });

  it('refuses a registry that is not a host, naming the field, and operators', async () => {
    const bad = await call(harness, 'POST', '/api/v1/registry-credentials', world.callers.admin, {
      registry: 'not a host!',
      username: 'u',
      password: 'p',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('registry');
    const operator = await call(harness, 'POST', '/api/v1/registry-credentials', world.callers.operator, {
      registry: 'ghcr.io',
      username: 'u',
      password: 'p',
    });
    expect(operator.statusCode).toBe(403);
  });
});

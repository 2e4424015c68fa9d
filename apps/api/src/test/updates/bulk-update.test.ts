import { withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor, startTestApi, type TestApi } from '../api-harness.js';
import { orgWithContainer } from '../org-with-container.js';

let harness: TestApi;
beforeAll(async () => {
  harness = await startTestApi();
});
afterAll(() => harness?.stop());

const WEB = '0a1b2c3d4e5f';
const DB = '1a1b2c3d4e5f';
const PROXY = '2a1b2c3d4e5f';
const OLD_AGENT_WEB = '3a1b2c3d4e5f';

/**
 * An org with `web` (allowed), `db` (postgres: the databases category set to block), `proxy`
 * (nginx: the proxies category set to warn) on an agent that can update, and a second host
 * whose agent is too old.
 */
async function bulkOrg() {
  const org = await orgWithContainer(harness, WEB);
  const oldHostId = crypto.randomUUID();
  await withOrg(harness.database.db, org.orgId, async (tx) => {
    await tx.host.update({
      where: { id: org.hostId },
      data: { capabilities: ['actions', 'container_update'] },
    });
    await tx.container.update({
      where: { hostId_shortId: { hostId: org.hostId, shortId: WEB } },
      data: { image: 'registry.test:5000/shop/web:1.2' },
    });
    const container = (shortId: string, hostId: string, name: string, image: string) =>
      tx.container.create({
        data: {
          hostId,
          shortId,
          orgId: org.orgId,
          dockerId: shortId.padEnd(64, '0'),
          name,
          image,
          imageId: 'sha256:1',
          state: 'running',
          createdAt: new Date(),
        },
      });
    await container(DB, org.hostId, 'db', 'postgres:16');
    await container(PROXY, org.hostId, 'proxy', 'nginx:1.27');
    await tx.host.create({
      data: {
        id: oldHostId,
        orgId: org.orgId,
        name: 'old-agent',
        hostname: 'old-agent',
        credentialHash: `unused-${oldHostId}`,
        capabilities: ['actions'],
      },
    });
    await container(OLD_AGENT_WEB, oldHostId, 'web', 'registry.test:5000/shop/web:1.2');
  });
  const token = (role: 'owner' | 'admin' | 'operator' | 'viewer') =>
    apiTokenFor(harness.database, org.orgId, role);
  const admin = await token('admin');
  for (const [category, policy] of [
    ['databases', 'block'],
    ['proxies', 'warn'],
  ])
    expect(
      (
        await harness.api.app.inject({
          method: 'PUT',
          url: '/api/v1/update-policies',
          headers: { authorization: `Bearer ${admin}` },
          payload: { scope: 'category', category, policy },
        })
      ).statusCode,
    ).toBe(200);
  return { ...org, oldHostId, token };
}

const apply = (token: string, body: object) =>
  harness.api.app.inject({
    method: 'POST',
    url: '/api/v1/image-updates/apply',
    headers: { authorization: `Bearer ${token}` },
    payload: body,
  });
const actionsOf = (orgId: string) =>
  withOrg(harness.database.db, orgId, (tx) => tx.action.findMany({ orderBy: { createdAt: 'asc' } }));
const updateAuditsOf = (orgId: string) =>
  withOrg(harness.database.db, orgId, (tx) =>
    tx.auditLog.findMany({ where: { action: 'action.container.update' }, orderBy: { createdAt: 'asc' } }),
  );

describe('POST /api/v1/image-updates/apply', () => {
  it('dispatches the allowed and confirmed items and refuses the rest, one audit row per dispatch', async () => {
    const org = await bulkOrg();
    const response = await apply(await org.token('operator'), {
      healthTimeoutS: 20,
      items: [
        { hostId: org.hostId, containerId: WEB },
        { hostId: org.hostId, containerId: DB, confirm: true },
        { hostId: org.hostId, containerId: PROXY },
        { hostId: org.oldHostId, containerId: OLD_AGENT_WEB },
        { hostId: org.hostId, containerId: 'ffffffffffff' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items;
    expect(items).toMatchObject([
      {
        containerId: WEB,
        outcome: 'accepted',
        image: 'registry.test:5000/shop/web:1.2',
        action: { verb: 'container.update', status: 'queued' },
        policy: { policy: 'allow' },
      },
      {
        containerId: DB,
        outcome: 'refused',
        reason: 'blocked',
        message: 'updates of db are blocked by the databases category (block)',
      },
      { containerId: PROXY, outcome: 'refused', reason: 'needs_confirm', policy: { policy: 'warn' } },
      { containerId: OLD_AGENT_WEB, outcome: 'refused', reason: 'agent_cannot_update' },
      { containerId: 'ffffffffffff', outcome: 'refused', reason: 'not_found', policy: null },
    ]);
    const actions = await actionsOf(org.orgId);
    expect(actions.map((action) => [action.containerShortId, action.params])).toEqual([
      [WEB, { image: 'registry.test:5000/shop/web:1.2', healthTimeoutS: 20 }],
    ]);
    expect(await updateAuditsOf(org.orgId)).toHaveLength(1);

    // Confirmed, the warned container goes too, audited as confirmed.
    const confirmed = await apply(await org.token('operator'), {
      items: [{ hostId: org.hostId, containerId: PROXY, confirm: true }],
    });
    expect(confirmed.json().items).toMatchObject([
      { containerId: PROXY, outcome: 'accepted', policy: { policy: 'warn', source: 'category' } },
    ]);
    const audits = await updateAuditsOf(org.orgId);
    expect(audits).toHaveLength(2);
    expect(audits[1]?.details).toMatchObject({ policy: 'warn', confirmed: true });
  });

  it('validates the whole body first, naming the field and index, and writes nothing', async () => {
    const org = await bulkOrg();
    const operator = await org.token('operator');
    const bad = await apply(operator, {
      items: [
        { hostId: org.hostId, containerId: WEB },
        { hostId: org.hostId, containerId: 'not-a-short-id' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'items.1.containerId' })]),
    );
    const twice = await apply(operator, {
      items: [
        { hostId: org.hostId, containerId: WEB },
        { hostId: org.hostId, containerId: WEB },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details.issues[0]).toMatchObject({ field: 'items' });
    const tooMany = await apply(operator, {
      items: Array.from({ length: 101 }, (_, i) => ({
        hostId: org.hostId,
        containerId: i.toString(16).padStart(12, '0'),
      })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect((await apply(operator, { items: [] })).statusCode).toBe(400);
    const timeout = await apply(operator, {
      items: [{ hostId: org.hostId, containerId: WEB }],
      healthTimeoutS: 2,
    });
    expect(timeout.json().error.details.issues[0]).toMatchObject({ field: 'healthTimeoutS' });
    expect(await actionsOf(org.orgId)).toHaveLength(0);
    expect(await updateAuditsOf(org.orgId)).toHaveLength(0);
  });

  it("refuses viewers with 403 and treats another organisation's containers as not found", async () => {
    const org = await bulkOrg();
    const item = { hostId: org.hostId, containerId: WEB };
    expect((await apply(await org.token('viewer'), { items: [item] })).statusCode).toBe(403);
    const other = await bulkOrg();
    const response = await apply(await other.token('owner'), { items: [item] });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toMatchObject([{ outcome: 'refused', reason: 'not_found' }]);
    expect(await actionsOf(org.orgId)).toHaveLength(0);
    expect(await actionsOf(other.orgId)).toHaveLength(0);
  });
});

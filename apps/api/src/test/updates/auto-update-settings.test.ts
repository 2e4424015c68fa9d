import { withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor, startTestApi, type TestApi } from '../api-harness.js';
import { orgWithContainer } from '../org-with-container.js';

let harness: TestApi;
beforeAll(async () => {
  harness = await startTestApi();
});
afterAll(() => harness?.stop());

const put = (token: string, payload: object) =>
  harness.api.app.inject({
    method: 'PUT',
    url: '/api/v1/auto-updates/settings',
    headers: { authorization: `Bearer ${token}` },
    payload,
  });
const get = (token: string) =>
  harness.api.app.inject({
    method: 'GET',
    url: '/api/v1/auto-updates',
    headers: { authorization: `Bearer ${token}` },
  });

const SATURDAY_NIGHT = {
  enabled: true,
  timeZone: 'Europe/Berlin',
  weekdays: [6],
  startMinute: 120,
  durationMinutes: 180,
};

describe('automatic update settings', () => {
  it('admins set them (audited with the previous ones) and read them back with the rollouts', async () => {
    const org = await orgWithContainer(harness, '0a1b2c3d4e5f');
    const admin = await apiTokenFor(harness.database, org.orgId, 'admin');
    expect((await get(admin)).json()).toEqual({ settings: null, windowOpen: false, rollouts: [] });

    const first = await put(admin, SATURDAY_NIGHT);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ ...SATURDAY_NIGHT, healthTimeoutS: 60 });
    const second = await put(admin, { ...SATURDAY_NIGHT, enabled: false, healthTimeoutS: 120 });
    expect(second.statusCode, second.body).toBe(200);
    const view = (await get(admin)).json();
    expect(view.settings).toEqual({ ...SATURDAY_NIGHT, enabled: false, healthTimeoutS: 120 });
    expect(view.windowOpen).toBe(false);

    const audits = await withOrg(harness.database.db, org.orgId, (tx) =>
      tx.auditLog.findMany({ where: { action: 'auto_update_settings.set' }, orderBy: { id: 'asc' } }),
    );
    expect(audits.map((row) => (row.details as { previous: unknown }).previous)).toEqual([
      null,
      { ...SATURDAY_NIGHT, healthTimeoutS: 60 },
    ]);
  });

  it('refuses operators writing (403; they read) and bad input (400 naming the field), writing nothing', async () => {
    const org = await orgWithContainer(harness, '0a1b2c3d4e5f');
    const operator = await apiTokenFor(harness.database, org.orgId, 'operator');
    expect((await put(operator, SATURDAY_NIGHT)).statusCode).toBe(403);
    expect((await get(operator)).statusCode).toBe(200);
    const admin = await apiTokenFor(harness.database, org.orgId, 'admin');
    const cases: [object, string][] = [
      [{ ...SATURDAY_NIGHT, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...SATURDAY_NIGHT, weekdays: [7] }, 'weekdays'],
      [{ ...SATURDAY_NIGHT, weekdays: [1, 1] }, 'weekdays'],
      [{ ...SATURDAY_NIGHT, startMinute: 1440 }, 'startMinute'],
      [{ ...SATURDAY_NIGHT, durationMinutes: 0 }, 'durationMinutes'],
      [{ ...SATURDAY_NIGHT, healthTimeoutS: 4 }, 'healthTimeoutS'],
      [{ ...SATURDAY_NIGHT, policy: 'warn' }, 'policy'],
    ];
    for (const [body, field] of cases) {
      const response = await put(admin, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const issues = response.json().error.details.issues as { field: string }[];
      expect(issues.map((issue) => issue.field).join(','), JSON.stringify(body)).toContain(field);
    }
    expect((await get(admin)).json().settings).toBeNull();
  });
});

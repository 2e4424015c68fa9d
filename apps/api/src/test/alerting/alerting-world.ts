import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { expect } from 'vitest';
import type { TestApi } from '../api-harness.js';
import { call } from '../identity/identity-harness.js';
import type { World } from '../identity/world.js';

/**
 * Alerts as the evaluator (apps/alerter) would leave them, written as the database owner: the
 * API only reads alerts and records people's acknowledgements.
 */
export type AlertFixture = {
  ruleId: string;
  state?: 'pending' | 'firing' | 'resolved';
  severity?: 'info' | 'warning' | 'critical';
  hostId?: string | null;
  containerName?: string | null;
  labels?: Record<string, string>;
  summary?: string;
  pendingSince?: Date;
};

export async function insertAlert(owner: pg.Client, orgId: string, fixture: AlertFixture): Promise<string> {
  const state = fixture.state ?? 'firing';
  const since = fixture.pendingSince ?? new Date(Date.now() - 60_000);
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO alerts (org_id, rule_id, fingerprint, state, severity, host_id, container_name, labels,
       summary, value, pending_since, fired_at, resolved_at, last_true_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 91.5, $10, $11, $12, $10) RETURNING id`,
    [
      orgId,
      fixture.ruleId,
      `fp-${randomUUID()}`,
      state,
      fixture.severity ?? 'warning',
      fixture.hostId ?? null,
      fixture.containerName ?? null,
      JSON.stringify(fixture.labels ?? { rule: fixture.ruleId }),
      fixture.summary ?? 'CPU above 80 %',
      since,
      state === 'pending' ? null : since,
      state === 'resolved' ? new Date() : null,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('no alert inserted');
  await owner.query(
    `INSERT INTO alert_events (org_id, alert_id, kind, at, value) VALUES ($1, $2, 'pending', $3, 91.5)`,
    [orgId, id, since],
  );
  return id;
}

/** A rule created through the API by the world's admin (a CPU threshold unless told). */
export async function createRule(
  h: TestApi,
  world: World,
  body: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const response = await call(
    h,
    'POST',
    '/api/v1/alert-rules',
    { cookie: world.admin.cookie },
    {
      name: `cpu-${randomUUID().slice(0, 8)}`,
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 80 },
      ...body,
    },
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** The fields a 400 names. */
export function fieldsOf(response: { json(): unknown }): string[] {
  const body = response.json() as { error?: { details?: { issues?: { field: string }[] } } };
  return (body.error?.details?.issues ?? []).map((issue) => issue.field);
}

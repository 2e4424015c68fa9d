import pg from 'pg';

/**
 * A firing alert of a rule the console created, written as the database owner the way the
 * evaluator (apps/alerter) writes one: the alert row with its labels and its history. The
 * console flow tests what people do with an alert, not how one is found.
 */
export async function insertFiringAlert(
  adminUrl: string,
  target: { ruleName: string; hostId: string; hostName: string; containerName: string; containerId: string },
): Promise<{ alertId: string; summary: string }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const summary = `CPU of ${target.containerName} above threshold`;
    const { rows } = await client.query<{ id: string }>(
      `WITH rule AS (SELECT id, org_id FROM alert_rules WHERE name = $1),
       alert AS (
         INSERT INTO alerts (org_id, rule_id, fingerprint, state, severity, host_id, container_name, container_id,
           labels, summary, value, pending_since, fired_at, last_true_at)
         SELECT org_id, id, 'e2e-' || gen_random_uuid(), 'firing', 'warning', $2, $3, $4, $5, $6, 42,
           now() - interval '2 minutes', now() - interval '1 minute', now()
         FROM rule RETURNING id, org_id)
       INSERT INTO alert_events (org_id, alert_id, kind, at, value)
       SELECT org_id, id, k.kind, now() - k.ago, 42 FROM alert,
         (VALUES ('pending', interval '2 minutes'), ('firing', interval '1 minute')) AS k(kind, ago)
       RETURNING alert_id AS id`,
      [
        target.ruleName,
        target.hostId,
        target.containerName,
        target.containerId,
        JSON.stringify({
          rule: target.ruleName,
          kind: 'container_metric',
          severity: 'warning',
          host: target.hostName,
          container: target.containerName,
        }),
        summary,
      ],
    );
    const alertId = rows[0]?.id;
    if (!alertId) throw new Error(`no rule named ${target.ruleName} to alert for`);
    return { alertId, summary };
  } finally {
    await client.end();
  }
}

/** Who acknowledged the alert, as its history records it. */
export async function acknowledgedBy(adminUrl: string, alertId: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string }>(
      `SELECT u.email FROM alert_events e JOIN users u ON u.id = e.actor_id
       WHERE e.alert_id = $1 AND e.kind = 'acknowledged'`,
      [alertId],
    );
    return rows[0]?.email ?? null;
  } finally {
    await client.end();
  }
}

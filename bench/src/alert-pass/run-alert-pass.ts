// What the alerter's per-organisation pass claims cost (docs/benchmarks.md): N organisations
// with one rule each, and resolved alerts that the old whole-set query scanned every pass.
// Usage: npm run alert-pass -w @berth/bench -- [orgs=1000] [resolvedAlerts=100000]
import { randomUUID } from 'node:crypto';
import {
  crossTenantClaimDueAlertPasses,
  crossTenantEnrolAlertPasses,
  crossTenantFinishAlertPass,
  crossTenantOrgsWithAlertRules,
} from '@berth/db/alerting';
import { createTestDatabase } from '@berth/db/testing';
import pg from 'pg';

const ORGS = Number(process.argv[2] ?? 1000);
const RESOLVED = Number(process.argv[3] ?? 100_000);
const BATCH = 5;

const database = await createTestDatabase();
const owner = new pg.Client({ connectionString: database.adminUrl });
await owner.connect();
try {
  await owner.query(
    `INSERT INTO organizations (name, slug) SELECT 'o' || i, 'o-' || i FROM generate_series(1, $1) i`,
    [ORGS],
  );
  await owner.query(`INSERT INTO alert_rules (org_id, name, kind, params, severity)
    SELECT id, 'r', 'agent_outdated', '{}', 'warning' FROM organizations`);
  await owner.query(
    `INSERT INTO alerts (org_id, rule_id, fingerprint, state, severity, summary, pending_since, last_true_at, resolved_at)
     SELECT r.org_id, r.id, 'fingerprint-' || g, 'resolved', 'warning', 's', now(), now(), now()
       FROM (SELECT * FROM alert_rules ORDER BY id LIMIT 100) r, generate_series(1, $1 / 100) g`,
    [RESOLVED],
  );
  await owner.query('ANALYZE');
  const pool = database.pool;
  const mean = async (n: number, run: () => Promise<unknown>) => {
    const started = performance.now();
    for (let i = 0; i < n; i += 1) await run();
    return (performance.now() - started) / n;
  };
  const at = new Date();
  const wholeSet = await mean(20, () => crossTenantOrgsWithAlertRules(pool));
  const firstEnrol = await mean(1, () => crossTenantEnrolAlertPasses(pool, at));
  const laterEnrol = await mean(20, () => crossTenantEnrolAlertPasses(pool, at));
  const replicaId = randomUUID();
  const roundId = randomUUID();
  let claims = 0;
  let claimMs = 0;
  let finishMs = 0;
  for (;;) {
    const claimStarted = performance.now();
    const got = await crossTenantClaimDueAlertPasses(pool, {
      at,
      leaseMs: 60_000,
      replicaId,
      roundId,
      max: BATCH,
    });
    claimMs += performance.now() - claimStarted;
    claims += 1;
    if (got.length === 0) break;
    const finishStarted = performance.now();
    for (const claim of got) await crossTenantFinishAlertPass(pool, claim, new Date(at.getTime() + 13_500));
    finishMs += performance.now() - finishStarted;
  }
  console.log(
    JSON.stringify({
      orgs: ORGS,
      resolvedAlerts: RESOLVED,
      wholeSetQueryMs: Number(wholeSet.toFixed(2)),
      enrolFirstRoundMs: Number(firstEnrol.toFixed(2)),
      enrolLaterRoundsMs: Number(laterEnrol.toFixed(2)),
      claims,
      claimMs: Number((claimMs / claims).toFixed(2)),
      finishMs: Number((finishMs / ORGS).toFixed(2)),
      overheadPerOrgMs: Number(((claimMs + finishMs) / ORGS).toFixed(2)),
    }),
  );
} finally {
  await owner.end();
  await database.drop();
}

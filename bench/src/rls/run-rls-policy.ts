/**
 * What the tenant policy costs PostgreSQL per row, in its two forms: `npm run rls-policy -w
 * @berth/bench [-- --rows=200000 --rounds=5]`.
 *
 * On a fresh migrated database, as the runtime role (RLS on), one connection inserts `rows`
 * container samples through `container_samples` (its partition and both indexes) and reads
 * them back with a filter, in a transaction that is rolled back, alternating between:
 * - `once`: the shipped policy (migration 20261212000500): the organisation setting read in a
 *   scalar subquery, an InitPlan evaluated once per statement;
 * - `per_row`: the same expression without the subquery, as it was before that migration:
 *   evaluated for every row.
 * The backend's CPU time (utime + stime from /proc) per row, median over the rounds. Last line:
 * `bench rls-policy: rows=N insert_per_row_us=A insert_once_us=B read_per_row_us=C read_once_us=D`.
 */
import { createBenchDatabase, ownerQuery } from '../shared/bench-database.js';
import { insertHosts } from '../shared/insert-hosts.js';
import { connectMeasured, rolledBack } from '../shared/measured-backend.js';
import { readOption } from '../shared/read-option.js';

const rows = readOption('rows', 200_000);
const rounds = readOption('rounds', 5);

/** The shipped policy's expression, as PostgreSQL prints it, and its per-row form. */
async function policyForms(adminUrl: string): Promise<{ once: string; perRow: string }> {
  const [policy] = await ownerQuery<{ qual: string }>(
    adminUrl,
    `SELECT pg_get_expr(polqual, polrelid) AS qual FROM pg_policy
      WHERE polname = 'tenant_isolation' AND polrelid = 'container_samples'::regclass`,
  );
  const once = policy?.qual ?? '';
  const perRow = once.replace(/\( SELECT (.*) AS "nullif"\)/, '$1');
  if (!once.includes('SELECT') || perRow === once) throw new Error(`unexpected policy: ${once}`);
  return { once, perRow };
}

const database = await createBenchDatabase();
try {
  const forms = await policyForms(database.adminUrl);
  const [host] = await insertHosts(database.adminUrl, 1, 1);
  if (!host) throw new Error('no bench host');
  const { client: app, cpuMs } = await connectMeasured(database.appUrl);
  const setPolicy = (expression: string) =>
    ownerQuery(
      database.adminUrl,
      `ALTER POLICY tenant_isolation ON container_samples USING (${expression}) WITH CHECK (${expression})`,
    );
  const measured: Record<'per_row' | 'once', { insert: number[]; read: number[] }> = {
    per_row: { insert: [], read: [] },
    once: { insert: [], read: [] },
  };
  for (let round = 0; round < rounds; round += 1) {
    for (const form of round % 2 === 0 ? (['per_row', 'once'] as const) : (['once', 'per_row'] as const)) {
      await setPolicy(form === 'once' ? forms.once : forms.perRow);
      await rolledBack(app, host.orgId, async (client) => {
        let start = cpuMs();
        await client.query(
          `INSERT INTO container_samples (org_id, host_id, container_id, ts, cpu_pct, mem_bytes, mem_limit, net_rx,
                                          net_tx, blk_read, blk_write, pids)
           SELECT $1, $2, 'c' || lpad((g % 20)::text, 11, '0'), now() - make_interval(secs => g / 1000.0),
                  g % 100, g, 1e9, g, g, g, g, 1
             FROM generate_series(1, $3) g`,
          [host.orgId, host.hostId, rows],
        );
        measured[form].insert.push(((cpuMs() - start) * 1000) / rows);
        start = cpuMs();
        await client.query(`SELECT count(*) FROM container_samples WHERE cpu_pct >= 0`);
        measured[form].read.push(((cpuMs() - start) * 1000) / rows);
      });
    }
  }
  await setPolicy(forms.once);
  await app.end();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const show = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  for (const form of ['per_row', 'once'] as const)
    console.log(
      `${form}: insert µs/row ${show(measured[form].insert)}; read µs/row ${show(measured[form].read)}`,
    );
  console.log(
    `bench rls-policy: rows=${rows} insert_per_row_us=${median(measured.per_row.insert).toFixed(2)} ` +
      `insert_once_us=${median(measured.once.insert).toFixed(2)} read_per_row_us=${median(measured.per_row.read).toFixed(2)} ` +
      `read_once_us=${median(measured.once.read).toFixed(2)}`,
  );
} finally {
  await database.drop();
}

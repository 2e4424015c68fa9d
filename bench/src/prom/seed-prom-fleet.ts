import { createDb, issueSecret, withOrg } from '@berth/db';
import { seedOrg, type TestDatabase } from '@berth/db/testing';
import { ownerQuery } from '../shared/bench-database.js';

export type PromFleet = { orgId: string; token: string; containers: number; hosts: number };

/**
 * One organisation of `hosts` × `perHost` running containers, each with `samples` raw samples
 * 10 s apart ending now (so the export's probe picks the newest of several), and one host
 * sample per host with three filesystems — inserted in bulk as the table owner, then
 * analysed. A second organisation of the same shape shares the tables, as in production.
 */
export async function seedPromFleet(
  database: TestDatabase,
  options: { hosts: number; perHost: number; samples: number },
): Promise<PromFleet> {
  const db = createDb(database.appUrl, { max: 2 });
  try {
    const orgs = [await seedOrg(db), await seedOrg(db)];
    for (const org of orgs) await insertFleet(database.adminUrl, org.orgId, options);
    const [target] = orgs;
    if (!target) throw new Error('no organisation was seeded');
    const token = issueSecret('api');
    await withOrg(db, target.orgId, (tx) =>
      tx.apiToken.create({
        data: {
          orgId: target.orgId,
          name: 'prometheus',
          prefix: token.prefix,
          tokenHash: token.hash,
          role: 'viewer',
        },
      }),
    );
    await ownerQuery(database.adminUrl, 'VACUUM ANALYZE');
    return {
      orgId: target.orgId,
      token: token.secret,
      containers: options.hosts * options.perHost,
      hosts: options.hosts + 1,
    };
  } finally {
    await db.$disconnect();
  }
}

async function insertFleet(
  adminUrl: string,
  orgId: string,
  { hosts, perHost, samples }: { hosts: number; perHost: number; samples: number },
): Promise<void> {
  await ownerQuery(
    adminUrl,
    `INSERT INTO hosts (org_id, name, hostname, labels, status, cpus, mem_total, credential_hash, last_seen_at)
     SELECT $1::uuid, 'prom-' || lpad(n::text, 5, '0'), 'prom-' || n || '.example.test',
            jsonb_build_object('shard', (n % 4)::text), 'online', 8, 34359738368, md5(random()::text), now()
     FROM generate_series(1, $2::int) AS n`,
    [orgId, hosts],
  );
  await ownerQuery(
    adminUrl,
    `INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, state, health,
                             restart_count, created_at, started_at)
     SELECT h.id, substr(md5(h.id::text || c), 1, 12), h.org_id, md5(h.id::text || c) || md5(c::text || h.id::text),
            'svc-' || c || '-' || h.name, 'ghcr.io/acme/svc-' || c || ':1.' || c, 'sha256:' || md5(c::text),
            'running', (CASE WHEN c % 5 = 0 THEN 'healthy' ELSE 'none' END)::container_health, c % 3,
            now() - interval '3 days', now() - interval '2 days'
     FROM hosts h CROSS JOIN generate_series(1, $2::int) AS c WHERE h.org_id = $1::uuid`,
    [orgId, perHost],
  );
  await ownerQuery(
    adminUrl,
    `INSERT INTO container_samples
     SELECT c.org_id, c.host_id, c.short_id, date_trunc('second', now()) - s * interval '10 seconds',
            random() * 200, 50000000 + (random() * 1e9)::bigint, 2147483648,
            1000000 * (100 - s), 500000 * (100 - s), 4096 * (100 - s), 8192 * (100 - s), 12,
            -- Cumulative CPU seconds (container_cpu_usage_seconds_total), fractional as agents send them.
            3600 - s * 1.25 + random()
     FROM containers c CROSS JOIN generate_series(0, $2::int - 1) AS s WHERE c.org_id = $1::uuid`,
    [orgId, samples],
  );
  await ownerQuery(
    adminUrl,
    `INSERT INTO host_samples
     SELECT h.org_id, h.id, date_trunc('second', now()) - interval '5 seconds', random() * 100, 1.5, 1.2, 1.1,
            8589934592, 34359738368, 0, 2147483648, 0, 0, 123456789, 98765432,
            '[{"mount":"/","used":10737418240,"total":107374182400},
              {"mount":"/var/lib/docker","used":53687091200,"total":536870912000},
              {"mount":"/boot","used":104857600,"total":1073741824}]'
     FROM hosts h WHERE h.org_id = $1::uuid`,
    [orgId],
  );
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';

export type BenchHost = { orgId: string; hostId: string; credential: string };

const CHUNK = 10_000;

/**
 * `hosts` enrolled hosts spread evenly over `orgs` organisations, inserted in bulk as the
 * table owner (seedOrg's per-host transactions take minutes at 50k). Credentials have the
 * real shape; only their SHA-256 is stored, as enrolment does.
 */
export async function insertHosts(adminUrl: string, orgs: number, hosts: number): Promise<BenchHost[]> {
  const orgIds = Array.from({ length: orgs }, () => randomUUID());
  const created: BenchHost[] = Array.from({ length: hosts }, (_, index) => ({
    orgId: orgIds[index % orgs] ?? '',
    hostId: randomUUID(),
    credential: `berth_host_${randomBytes(32).toString('base64url')}`,
  }));
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO organizations (id, name, slug)
       SELECT id, 'Bench org ' || n, 'bench-' || left(id::text, 8) || '-' || n
       FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n)`,
      [orgIds],
    );
    for (let start = 0; start < created.length; start += CHUNK) {
      await insertChunk(client, created.slice(start, start + CHUNK), start);
    }
  } finally {
    await client.end();
  }
  return created;
}

async function insertChunk(client: pg.Client, chunk: BenchHost[], offset: number): Promise<void> {
  await client.query(
    `INSERT INTO hosts (id, org_id, name, hostname, credential_hash)
     SELECT h.id, h.org_id, 'bench-' || (h.n + $4), 'bench-' || (h.n + $4) || '.example.test', h.hash
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS h(id, org_id, hash, n)`,
    [
      chunk.map((host) => host.hostId),
      chunk.map((host) => host.orgId),
      chunk.map((host) => createHash('sha256').update(host.credential).digest('hex')),
      offset,
    ],
  );
}

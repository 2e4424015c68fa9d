import { issueSecret } from '@berth/db';
import { withClient } from './generate-fleet.js';
import type { SampledContainer } from './query-cases.js';

/** Live API tokens (viewer role) of the org, inserted as the owner. */
export async function createApiTokens(adminUrl: string, orgId: string, count: number): Promise<string[]> {
  const tokens = Array.from({ length: count }, () => issueSecret('api'));
  await withClient(adminUrl, (client) =>
    client.query(
      `INSERT INTO api_tokens (org_id, name, prefix, token_hash, role)
       SELECT $1, 'bench', p, h, 'viewer' FROM unnest($2::text[], $3::text[]) AS t(p, h)`,
      [orgId, tokens.map((t) => t.prefix), tokens.map((t) => t.hash)],
    ),
  );
  return tokens.map((t) => t.secret);
}

/** Containers that have samples (running ones), at random, for the chart requests. */
export async function sampleContainers(
  adminUrl: string,
  orgId: string,
  count: number,
): Promise<SampledContainer[]> {
  return withClient(adminUrl, async (client) => {
    const result = await client.query<SampledContainer>(
      `SELECT host_id AS "hostId", short_id AS "containerId" FROM containers
       WHERE org_id = $1 AND state = 'running' ORDER BY random() LIMIT $2`,
      [orgId, count],
    );
    return result.rows;
  });
}

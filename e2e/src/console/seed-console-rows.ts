import type pg from 'pg';

/** A host seeded into the signed-up owner's organisation, as the gateway leaves an online one. */
export type SeededHost = { orgId: string; hostId: string };

/**
 * Seeds an online host `name` (hostname `<name>.example.test`) in the organisation of the user
 * `email`: what the console suites that write rows as the gateway would start from.
 */
export async function seedOnlineHost(owner: pg.Client, email: string, name = 'web-1'): Promise<SeededHost> {
  const { rows } = await owner.query<{ org_id: string; id: string }>(
    `INSERT INTO hosts (org_id, name, hostname, credential_hash, status, last_seen_at)
     SELECT m.org_id, $2, $2 || '.example.test', 'cred-' || gen_random_uuid(), 'online', now()
       FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1
     RETURNING org_id, id`,
    [email, name],
  );
  const [row] = rows;
  if (!row || rows.length !== 1)
    throw new Error(`expected one organisation for ${email}, got ${rows.length}`);
  return { orgId: row.org_id, hostId: row.id };
}

export type SeededContainer = {
  shortId: string;
  name: string;
  image: string;
  labels?: Record<string, string>;
  /** The local image's RepoDigests (`repo@sha256:…`); null as an agent without them reports. */
  repoDigests?: string[];
  /** `os/arch[/variant]`. */
  platform?: string;
};

/** Running containers on `host`, as the agent's inventory leaves them (docker id: the short id repeated). */
export async function seedContainers(
  owner: pg.Client,
  host: SeededHost,
  containers: readonly SeededContainer[],
): Promise<void> {
  for (const c of containers)
    await owner.query(
      `INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, state, created_at,
                               repo_digests, image_platform, labels)
       VALUES ($1, $2, $3, $4, $5, $6, 'sha256:1', 'running', now(), $7, $8, $9::jsonb)`,
      [
        host.hostId,
        c.shortId,
        host.orgId,
        c.shortId.repeat(6).slice(0, 64),
        c.name,
        c.image,
        c.repoDigests ?? null,
        c.platform ?? null,
        JSON.stringify(c.labels ?? {}),
      ],
    );
}

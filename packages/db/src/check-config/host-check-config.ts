import type { Queryable } from '../queryable.js';

/** One check a host's agent must run: a definition resolved to one of the host's container names. */
export type HostCheckConfigRow = {
  definitionId: string;
  containerName: string;
  name: string;
  /** The definition's spec as the API validated it (ZCheckDefinitionSpecSchema). */
  spec: unknown;
  revision: number;
};

/** A container's auto-restart policy defined in the console (the winner for that container name). */
export type HostAutohealRow = {
  containerName: string;
  mode: 'on-failure' | 'unhealthy' | 'off';
  backoffInitialS: number;
  backoffCapS: number;
  maxAttempts: number;
  windowS: number;
};

export type HostCheckConfig = { version: number; checks: HostCheckConfigRow[]; autoheal: HostAutohealRow[] };

/**
 * The checks of one host at its current config version, read in one statement (one snapshot):
 * its per-container definitions, and its group definitions expanded to the host's members of
 * those groups by container name. Where several definitions give one container a check of the
 * same name, the per-container one wins over a group's, then the oldest group definition; a
 * disabled winner means "not on this container" (so a container can opt out of a group's check).
 * Auto-restart policies resolve the same way: the container's own, else its oldest group's.
 * Runs in the host's organisation (withOrgClient): row-level security applies.
 */
const HOST_CHECK_CONFIG = `
  WITH candidates AS (
    SELECT d.id, d.container_name, d.name, d.spec, d.revision, d.enabled, false AS from_group, d.created_at
    FROM check_definitions d WHERE d.host_id = $1::uuid
    UNION ALL
    SELECT d.id, m.container_name, d.name, d.spec, d.revision, d.enabled, true, d.created_at
    FROM check_definitions d JOIN container_group_members m ON m.group_id = d.group_id AND m.host_id = $1::uuid
  ), winners AS (
    SELECT DISTINCT ON (container_name, name) * FROM candidates
    ORDER BY container_name, name, from_group, created_at, id
  ), policies AS (
    SELECT DISTINCT ON (p.container_name) p.* FROM (
      SELECT a.container_name, a.mode, a.backoff_initial_s, a.backoff_cap_s, a.max_attempts, a.window_s,
        false AS from_group, a.created_at, a.id
      FROM autoheal_policies a WHERE a.host_id = $1::uuid
      UNION ALL
      SELECT m.container_name, a.mode, a.backoff_initial_s, a.backoff_cap_s, a.max_attempts, a.window_s,
        true, a.created_at, a.id
      FROM autoheal_policies a JOIN container_group_members m ON m.group_id = a.group_id AND m.host_id = $1::uuid
    ) p ORDER BY p.container_name, p.from_group, p.created_at, p.id
  )
  SELECT h.config_version::text AS version,
    COALESCE((SELECT jsonb_agg(jsonb_build_object('definitionId', w.id, 'containerName', w.container_name,
        'name', w.name, 'spec', w.spec, 'revision', w.revision) ORDER BY w.container_name, w.name)
      FROM winners w WHERE w.enabled), '[]'::jsonb) AS checks,
    COALESCE((SELECT jsonb_agg(jsonb_build_object('containerName', p.container_name, 'mode', p.mode,
        'backoffInitialS', p.backoff_initial_s, 'backoffCapS', p.backoff_cap_s, 'maxAttempts', p.max_attempts,
        'windowS', p.window_s) ORDER BY p.container_name)
      FROM policies p), '[]'::jsonb) AS autoheal
  FROM hosts h WHERE h.id = $1::uuid`;

/** The host's resolved checks and config version; null when the host is not visible. */
export async function readHostCheckConfig(db: Queryable, hostId: string): Promise<HostCheckConfig | null> {
  const { rows } = await db.query<{
    version: string;
    checks: HostCheckConfigRow[];
    autoheal: HostAutohealRow[];
  }>(HOST_CHECK_CONFIG, [hostId]);
  const row = rows[0];
  return row ? { version: Number(row.version), checks: row.checks, autoheal: row.autoheal } : null;
}

/**
 * Records the config version the host's agent acknowledged. Forward only: a late ack of an older
 * version (two pushes crossing) never rewinds it. Returns whether it moved.
 */
export async function recordHostConfigAck(db: Queryable, hostId: string, version: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE hosts SET config_acked_version = $2::bigint, config_acked_at = now()
     WHERE id = $1::uuid AND config_acked_version < $2::bigint AND $2::bigint <= config_version`,
    [hostId, version],
  );
  return (rowCount ?? 0) > 0;
}

import type pg from 'pg';

export type HostObject = {
  id: string;
  name: string;
  labels: Record<string, string>;
  status: string;
  agentVersion: string | null;
  lastSeenAt: Date | null;
};

export type ContainerObject = {
  hostId: string;
  shortId: string;
  name: string;
  labels: Record<string, string>;
  state: string;
  health: string;
  exitCode: number | null;
  finishedAt: Date | null;
  groupIds: string[];
  /** The container's last stop falls in a stop/restart/kill action requested through Berth. */
  stoppedByBerth: boolean;
};

export type FleetObjects = { hosts: HostObject[]; containers: ContainerObject[] };

/**
 * Hosts (not revoked) and their containers (not removed), with group membership (by host +
 * name, so it follows recreation) and whether Berth asked for the last stop: a join against
 * actions, not a flag, as docs/alerting-plan.md says. `hostIds` null: the whole organisation.
 */
export async function loadObjects(
  client: pg.ClientBase,
  hostIds: readonly string[] | null,
): Promise<FleetObjects> {
  const hosts = await client.query<{
    id: string;
    name: string;
    labels: Record<string, string> | null;
    status: string;
    agent_version: string | null;
    last_seen_at: Date | null;
  }>(
    `SELECT id, name, labels, status::text AS status, agent_version, last_seen_at FROM hosts
      WHERE revoked_at IS NULL AND ($1::uuid[] IS NULL OR id = ANY($1)) ORDER BY name, id`,
    [hostIds],
  );
  const containers = await client.query<{
    host_id: string;
    short_id: string;
    name: string;
    labels: Record<string, string> | null;
    state: string;
    health: string;
    exit_code: number | null;
    finished_at: Date | null;
    group_ids: string[];
    stopped_by_berth: boolean;
  }>(
    `SELECT c.host_id, c.short_id, c.name, c.labels, c.state::text AS state, c.health::text AS health,
            c.exit_code, c.finished_at,
            coalesce((SELECT array_agg(m.group_id) FROM container_group_members m
                       WHERE m.host_id = c.host_id AND m.container_name = c.name), '{}') AS group_ids,
            c.finished_at IS NOT NULL AND EXISTS (
              SELECT 1 FROM actions a
               WHERE a.host_id = c.host_id AND a.container_short_id = c.short_id
                 AND a.verb IN ('stop', 'restart', 'kill')
                 AND a.created_at <= c.finished_at + interval '10 seconds'
                 AND coalesce(a.finished_at, a.deadline) >= c.finished_at - interval '10 seconds'
            ) AS stopped_by_berth
       FROM containers c
      WHERE c.removed_at IS NULL AND ($1::uuid[] IS NULL OR c.host_id = ANY($1))
      ORDER BY c.host_id, c.name`,
    [hostIds],
  );
  return {
    hosts: hosts.rows.map((row) => ({
      id: row.id,
      name: row.name,
      labels: row.labels ?? {},
      status: row.status,
      agentVersion: row.agent_version,
      lastSeenAt: row.last_seen_at,
    })),
    containers: containers.rows.map((row) => ({
      hostId: row.host_id,
      shortId: row.short_id.trim(),
      name: row.name,
      labels: row.labels ?? {},
      state: row.state,
      health: row.health,
      exitCode: row.exit_code,
      finishedAt: row.finished_at,
      groupIds: row.group_ids,
      stoppedByBerth: row.stopped_by_berth,
    })),
  };
}

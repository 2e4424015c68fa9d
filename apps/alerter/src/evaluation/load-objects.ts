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
  /**
   * `hostId/shortId`, how the readings key their counts and samples: made once per evaluation,
   * not once per rule and lookup (the largest part of the conditions' CPU, docs/benchmarks.md).
   */
  key: string;
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

/**
 * Hosts (not revoked) and their containers (not removed), with group membership (by host +
 * name, so it follows recreation) and whether Berth asked for the last stop: a join against
 * actions, not a flag, as docs/alerting-plan.md says. Read by the evaluation's one statement
 * (read-snapshot.ts).
 */
export type FleetObjects = { hosts: HostObject[]; containers: ContainerObject[] };

// A host's presence as its gateway records it (the stale-host sweep, across organisations,
// is berth_maintenance.mark_stale_hosts_offline; the batch path's is ADVANCE_HOSTS).

/**
 * A hello: what the agent said about its host, online, and the next connection epoch. The row
 * lock orders concurrent hellos of one host (on any gateway): a later connection always gets a
 * higher epoch. No row: the host was revoked.
 */
export const RECORD_HELLO = `UPDATE hosts
  SET hostname = $2, agent_version = $3, os = $4, kernel = $5, arch = $6, cpus = $7,
    mem_total = $8::bigint, docker_version = $9, capabilities = $10::text[], status = 'online',
    last_seen_at = now(), connection_epoch = connection_epoch + 1
  WHERE id = $1 AND revoked_at IS NULL
  RETURNING last_seq, connection_epoch`;

/** The socket closed: offline, unless the sweep or another close got there first. */
export const MARK_OFFLINE = `UPDATE hosts SET status = 'offline' WHERE id = $1 AND status = 'online'`;

import type { AlertCountsByHost, AlertSeverity, OpenAlertTally } from '@berth/api-contract';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { visibleAlertFilter } from './alert-scope.js';

const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

type Tallying = OpenAlertTally & { worstFiring: AlertSeverity | null; worstPending: AlertSeverity | null };

/**
 * Open alerts per host and per container of it, for the console's badges: one grouped query
 * for the whole fleet (not one per row), within the caller's team scope like the list.
 * Alerts about no host have no badge to sit on and are left out.
 */
export async function countAlertsByHost(
  ctx: ApiContext,
  principal: Principal,
  hostId?: string,
): Promise<AlertCountsByHost> {
  const rows = await inOrg(ctx, principal, async (tx) =>
    tx.alert.groupBy({
      by: ['hostId', 'containerName', 'state', 'severity'],
      where: {
        AND: [
          { state: { in: ['pending', 'firing'] } },
          hostId ? { hostId } : { hostId: { not: null } },
          await visibleAlertFilter(tx, principal),
        ],
      },
      _count: { _all: true },
    }),
  );
  const hosts = new Map<string, { tally: Tallying; containers: Map<string, Tallying> }>();
  for (const row of rows) {
    if (!row.hostId) continue;
    let host = hosts.get(row.hostId);
    if (!host) {
      host = { tally: emptyTally(), containers: new Map() };
      hosts.set(row.hostId, host);
    }
    const severity = row.severity as AlertSeverity;
    const state = row.state as 'pending' | 'firing';
    add(host.tally, state, severity, row._count._all);
    if (row.containerName === null) continue;
    let container = host.containers.get(row.containerName);
    if (!container) {
      container = emptyTally();
      host.containers.set(row.containerName, container);
    }
    add(container, state, severity, row._count._all);
  }
  const result: AlertCountsByHost = { hosts: {} };
  for (const [id, host] of hosts) {
    const containers: Record<string, OpenAlertTally> = {};
    for (const [name, tally] of host.containers) containers[name] = finish(tally);
    result.hosts[id] = { ...finish(host.tally), containers };
  }
  return result;
}

function emptyTally(): Tallying {
  return { firing: 0, pending: 0, worstSeverity: 'info', worstFiring: null, worstPending: null };
}

function add(tally: Tallying, state: 'pending' | 'firing', severity: AlertSeverity, count: number): void {
  const worse = (current: AlertSeverity | null) =>
    current === null || SEVERITY_RANK[severity] > SEVERITY_RANK[current] ? severity : current;
  if (state === 'firing') {
    tally.firing += count;
    tally.worstFiring = worse(tally.worstFiring);
  } else {
    tally.pending += count;
    tally.worstPending = worse(tally.worstPending);
  }
}

/** A firing alert's colour wins over a worse pending one: what fires is what needs a person now. */
function finish(tally: Tallying): OpenAlertTally {
  return {
    firing: tally.firing,
    pending: tally.pending,
    worstSeverity: tally.worstFiring ?? tally.worstPending ?? 'info',
  };
}

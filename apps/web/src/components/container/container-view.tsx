'use client';

import type { ResolvedUpdatePolicy } from '@berth/api-contract';
import {
  CONTAINER_HEALTH,
  CONTAINER_STATES,
  type ContainerDetail,
  type ContainerHealth,
  type ContainerState,
  type ExecSettings,
  type Host,
} from '@berth/api-contract';
import Link from 'next/link';
import { useState } from 'react';
import { ContainerActions } from '@/components/actions/container-actions';
import { ContainerUpdate } from '@/components/actions/container-update';
import { MetricsCharts } from '@/components/chart/metrics-charts';
import { ExecTerminal } from '@/components/exec/exec-terminal';
import { ContainerGroupsFact } from '@/components/groups/container-groups-fact';
import { ContainerLogs } from '@/components/logs/container-logs';
import { FactList } from '@/components/ui/fact-list';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { browserApi } from '@/lib/api/browser-api';
import type { GroupChip } from '@/lib/api/container-groups';
import { useLiveEvents } from '@/lib/api/live-stream';
import { getContainerMetrics } from '@/lib/api/metrics';
import type { TimeRange } from '@/lib/chart-data';
import { execBlockedReason } from '@/lib/fleet/exec-availability';
import { type ChartSpec, containerCharts } from '@/lib/fleet/metrics-charts';
import { formatCount } from '@/lib/format/format-number';
import { formatPorts } from '@/lib/format/format-ports';
import styles from './container.module.css';
import { ContainerEvents } from './container-events';

type ContainerViewProps = {
  container: ContainerDetail;
  host: Pick<Host, 'id' | 'name' | 'status' | 'capabilities' | 'revokedAt'>;
  role: string | null;
  range: TimeRange;
  initialCharts: ChartSpec[] | null;
  /** Every group of the organisation when the caller may change membership (operators and up). */
  allGroups: GroupChip[] | null;
  /** The org's exec switches (null: not readable) and where the terminal socket opens. */
  exec: { settings: ExecSettings | null; socketBase: string };
  /** The container's resolved update policy, read by the page (null: unreadable). */
  updatePolicy: ResolvedUpdatePolicy | null;
};

/** The container page below its header: facts and actions, charts, logs, events — all live. */
export function ContainerView({
  container,
  host,
  role,
  range,
  initialCharts,
  allGroups,
  exec,
  updatePolicy,
}: ContainerViewProps) {
  const [live, setLive] = useState({
    state: container.state,
    health: container.health,
    removed: container.removedAt !== null,
  });
  const ref = { hostId: container.hostId, containerId: container.containerId };
  useLiveEvents((event) => {
    if (
      event.type !== 'container.state' ||
      event.hostId !== ref.hostId ||
      event.containerId !== ref.containerId
    )
      return;
    setLive((now) => ({
      state: (CONTAINER_STATES as readonly string[]).includes(event.state)
        ? (event.state as ContainerState)
        : now.state,
      health: (CONTAINER_HEALTH as readonly string[]).includes(event.health)
        ? (event.health as ContainerHealth)
        : now.health,
      removed: event.removed,
    }));
  });
  const facts: [string, React.ReactNode][] = [
    ['State', <StatusBadge key="state" status={live.removed ? 'removed' : live.state} />],
    [
      'Health',
      live.health === 'none' ? 'no health check' : <StatusBadge key="health" status={live.health} />,
    ],
    [
      'Host',
      <Link key="host" href={`/hosts/${encodeURIComponent(host.id)}`}>
        {host.name}
      </Link>,
    ],
    [
      'Groups',
      <ContainerGroupsFact
        key="groups"
        container={{ hostId: container.hostId, name: container.name }}
        groups={container.groups}
        allGroups={allGroups}
      />,
    ],
    ['Image', container.image],
    ['Ports', container.ports.length === 0 ? 'none published' : formatPorts(container.ports)],
    ['Started', <Time key="started" value={container.startedAt} />],
    ['Restarts', formatCount(container.restartCount)],
    ['Exit code', container.exitCode === null ? '—' : String(container.exitCode)],
    ['ID', container.containerId],
  ];
  return (
    <>
      <div className={styles.summary}>
        <FactList facts={facts} />
        <ContainerActions
          container={{ ...ref, name: container.name }}
          state={live.state}
          context={{
            role,
            capabilities: host.capabilities,
            hostRevoked: host.revokedAt !== null,
            removed: live.removed,
          }}
        />
        <ContainerUpdate
          container={{ ...ref, name: container.name, image: container.image }}
          policy={updatePolicy}
          context={{
            role,
            capabilities: host.capabilities,
            hostRevoked: host.revokedAt !== null,
            removed: live.removed,
            state: live.state,
          }}
        />
      </div>
      {/* Viewers never get a terminal; for everyone else a disabled button says why. */}
      {role && role !== 'viewer' ? (
        <ExecTerminal
          container={ref}
          socketBase={exec.socketBase}
          blocked={execBlockedReason({
            role,
            capabilities: host.capabilities,
            hostOnline: host.status === 'online',
            hostRevoked: host.revokedAt !== null,
            removed: live.removed,
            state: live.state,
            settings: exec.settings,
          })}
        />
      ) : null}
      <MetricsCharts
        subject={container.name}
        initialRange={range}
        initial={initialCharts}
        load={async (window, signal) =>
          containerCharts(await getContainerMetrics(browserApi, ref, window, signal))
        }
        isFresh={(event) =>
          event.type === 'samples' &&
          event.hostId === ref.hostId &&
          event.containers.some((sample) => sample.containerId === ref.containerId)
        }
      />
      <div className={styles.columns}>
        <ContainerLogs
          container={{ ...ref, name: container.name }}
          canFollow={host.status === 'online' && host.capabilities.includes('live_logs') && !live.removed}
        />
        <ContainerEvents container={ref} />
      </div>
    </>
  );
}

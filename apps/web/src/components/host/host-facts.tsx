'use client';

import type { HostDetail } from '@berth/api-contract';
import { useState } from 'react';
import { FactList } from '@/components/ui/fact-list';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { useLiveEvents } from '@/lib/api/live-stream';
import { checksConfigState } from '@/lib/fleet/checks-config-state';
import { hostStatus } from '@/lib/fleet/host-rows';
import { formatBytes, formatCount } from '@/lib/format/format-number';
import styles from './host.module.css';

/** Status (live), last seen, agent, checks config, OS and hardware of a host, and its labels. */
export function HostFacts({ host }: { host: HostDetail }) {
  const [live, setLive] = useState({ status: host.status, lastSeenAt: host.lastSeenAt });
  useLiveEvents((event) => {
    if (event.type === 'host.status' && event.hostId === host.id)
      setLive({ status: event.status, lastSeenAt: event.at });
    if (event.type === 'samples' && event.hostId === host.id)
      setLive({ status: 'online', lastSeenAt: event.at });
  });
  const facts: [string, React.ReactNode][] = [
    [
      'Status',
      <StatusBadge key="s" status={hostStatus({ status: live.status, revokedAt: host.revokedAt })} />,
    ],
    ['Last seen', <Time key="t" value={live.lastSeenAt} format="relative" />],
    [
      'Agent',
      host.agentVersion
        ? `${host.agentVersion}${host.agentUpdateAvailable ? ` (update${host.latestAgentVersion ? ` ${host.latestAgentVersion}` : ''} available)` : ''}`
        : '—',
    ],
    ['Checks config', <ChecksConfig key="c" host={host} />],
    ['Docker', host.dockerVersion ?? '—'],
    ['OS', [host.os, host.kernel, host.arch].filter(Boolean).join(' · ') || '—'],
    ['CPUs', formatCount(host.cpus)],
    ['Memory', formatBytes(host.memTotal)],
    ['Capabilities', host.capabilities.join(', ') || '—'],
  ];
  const labels = Object.entries(host.labels);
  return (
    <div className={styles.facts}>
      <FactList facts={facts} />
      {labels.length ? (
        <ul className={styles.labels} aria-label="Labels">
          {labels.map(([key, value]) => (
            <li key={key} className={styles.label}>
              {key}={value}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** "checks config v3, applied by the agent 12 s ago", or "waiting for the agent". */
function ChecksConfig({ host }: { host: HostDetail }) {
  const state = checksConfigState(host);
  if (state.kind === 'none') return <span>none defined in Berth</span>;
  if (state.kind === 'waiting')
    return (
      <span>
        checks config v{state.version}, waiting for the agent
        {state.ackedVersion > 0 ? ` (it runs v${state.ackedVersion})` : ''}
      </span>
    );
  return (
    <span>
      checks config v{state.version}, applied by the agent <Time value={state.ackedAt} format="relative" />
    </span>
  );
}

'use client';

import type { Host } from '@berth/api-contract';
import { useState } from 'react';
import { FactList } from '@/components/ui/fact-list';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { useLiveEvents } from '@/lib/api/live-stream';
import { hostStatus } from '@/lib/fleet/host-rows';
import { formatBytes, formatCount } from '@/lib/format/format-number';
import styles from './host.module.css';

/** Status (live), last seen, agent, OS and hardware of a host, and its labels. */
export function HostFacts({ host }: { host: Host }) {
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

import type { Host } from '@berth/api-contract';
import { FleetView } from '@/components/fleet/fleet-view';
import { makeHost } from '@/lib/fleet/testing/fleet-fixtures';
import { random } from './demo-data';
import styles from './harness.module.css';

const HOSTS = 1_000;

/** 1,000 hosts with readings, labels, container counts; every 10th offline, every 7th with an old agent. */
function demoHosts(): Host[] {
  const next = random(7);
  return Array.from({ length: HOSTS }, (_, i) => {
    const {
      cpuTrend: _cpu,
      memTrend: _mem,
      ...host
    } = makeHost({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `host-${String(i).padStart(4, '0')}`,
      labels: { env: i % 4 === 0 ? 'staging' : 'prod', az: `eu-${(i % 3) + 1}` },
      status: i % 10 === 9 ? 'offline' : 'online',
      agentVersion: i % 7 === 0 ? '0.9.0' : '1.0.0',
      agentUpdateAvailable: i % 7 === 0,
      latestAgentVersion: '1.0.0',
      containers: {
        total: 6,
        running: 5,
        paused: 0,
        restarting: 0,
        exited: 1,
        created: 0,
        dead: 0,
        removing: 0,
      },
      latest: {
        ts: '2026-11-23T10:00:00.000Z',
        // host-0500 is the busiest, so sorting by CPU has a known first row.
        cpuPct: i === 500 ? 99.5 : Math.round(next() * 9000) / 100,
        load1: next() * 4,
        memUsed: Math.round((2 + next() * 20) * 1024 ** 3),
        memTotal: 32 * 1024 ** 3,
        diskUsed: 0,
        diskTotal: 0,
      },
    });
    return host;
  });
}

export function FleetPage() {
  return (
    <main className={styles.page}>
      <FleetView firstPage={{ items: demoHosts(), nextCursor: null }} overview={null} />
    </main>
  );
}

import type { Host } from '@berth/api-contract';
import type { Container } from '@/lib/api/containers';
import { type HostRow, toHostRow } from '../host-rows';

/** Hosts and containers shaped as the API answers them, for unit tests and the component harness. */
export function makeHost(overrides: Partial<Host> & { id: string; name: string }): HostRow {
  return toHostRow({
    hostname: `${overrides.name}.example.test`,
    labels: {},
    status: 'online',
    revokedAt: null,
    lastSeenAt: '2026-11-23T10:00:00.000Z',
    agentVersion: '1.4.0',
    latestAgentVersion: '1.4.0',
    agentUpdateAvailable: false,
    enrollmentTokenId: null,
    os: 'Debian 13',
    kernel: '6.12',
    arch: 'x86_64',
    cpus: 4,
    memTotal: 8 * 1024 ** 3,
    dockerVersion: '28.0.0',
    capabilities: ['actions', 'logs', 'live_logs'],
    createdAt: '2026-11-01T00:00:00.000Z',
    containers: {
      total: 0,
      running: 0,
      paused: 0,
      restarting: 0,
      exited: 0,
      created: 0,
      dead: 0,
      removing: 0,
    },
    latest: null,
    ...overrides,
  });
}

export function makeContainer(
  overrides: Partial<Container> & { containerId: string; name: string },
): Container {
  return {
    hostId: '00000000-0000-4000-8000-000000000001',
    hostName: 'web-1',
    dockerId: `${overrides.containerId}${'0'.repeat(52)}`,
    image: 'nginx:1.27',
    labels: {},
    state: 'running',
    health: 'none',
    restartCount: 0,
    createdAt: '2026-11-20T00:00:00.000Z',
    startedAt: '2026-11-20T00:00:10.000Z',
    removedAt: null,
    groups: [],
    current: null,
    ...overrides,
  };
}

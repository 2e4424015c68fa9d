import { describe, expect, it } from 'vitest';
import { filterHosts, fleetTotals, overviewTotals, sortHosts } from './host-rows';
import { parseHostQuery } from './label-selector';
import { makeHost } from './testing/fleet-fixtures';

const reading = (cpuPct: number, memUsed: number) => ({
  ts: '2026-11-23T10:00:00.000Z',
  cpuPct,
  load1: 0.5,
  memUsed,
  memTotal: 1000,
  diskUsed: 0,
  diskTotal: 0,
});

const hosts = [
  makeHost({ id: 'a', name: 'web-1', labels: { env: 'prod', role: 'web' }, latest: reading(40, 500) }),
  makeHost({ id: 'b', name: 'db-1', labels: { env: 'prod' }, status: 'offline', latest: reading(90, 100) }),
  makeHost({ id: 'c', name: 'web-2', labels: { env: 'staging' }, latest: null }),
  makeHost({ id: 'd', name: 'old', revokedAt: '2026-11-01T00:00:00.000Z', status: 'offline' }),
];
const names = (list: readonly { name: string }[]) => list.map((host) => host.name);

describe('filterHosts', () => {
  it('matches every search word against name and hostname, case-insensitively', () => {
    expect(names(filterHosts(hosts, { ...parseHostQuery('WEB'), status: 'all' }))).toEqual([
      'web-1',
      'web-2',
    ]);
    expect(names(filterHosts(hosts, { ...parseHostQuery('web 2'), status: 'all' }))).toEqual(['web-2']);
    expect(names(filterHosts(hosts, { ...parseHostQuery('db-1.example'), status: 'all' }))).toEqual(['db-1']);
  });

  it('filters by label value, by label key, and by status (revoked apart from offline)', () => {
    expect(names(filterHosts(hosts, { ...parseHostQuery('env=prod'), status: 'all' }))).toEqual([
      'web-1',
      'db-1',
    ]);
    expect(names(filterHosts(hosts, { ...parseHostQuery('label:role'), status: 'all' }))).toEqual(['web-1']);
    expect(names(filterHosts(hosts, { ...parseHostQuery('env=prod web'), status: 'all' }))).toEqual([
      'web-1',
    ]);
    expect(names(filterHosts(hosts, { ...parseHostQuery(''), status: 'offline' }))).toEqual(['db-1']);
    expect(names(filterHosts(hosts, { ...parseHostQuery(''), status: 'revoked' }))).toEqual(['old']);
  });

  it('returns the same array when nothing filters (memoised tables do not re-render)', () => {
    expect(filterHosts(hosts, { words: [], labels: [], status: 'all' })).toBe(hosts);
  });
});

describe('sortHosts', () => {
  it('sorts by CPU either way with hosts lacking a reading last', () => {
    expect(names(sortHosts(hosts, 'cpu', 'desc'))).toEqual(['db-1', 'web-1', 'old', 'web-2']);
    expect(names(sortHosts(hosts, 'cpu', 'asc'))).toEqual(['web-1', 'db-1', 'old', 'web-2']);
  });

  it('sorts by memory share, by name, and puts offline hosts first by status', () => {
    expect(names(sortHosts(hosts, 'memory', 'desc')).slice(0, 2)).toEqual(['web-1', 'db-1']);
    expect(names(sortHosts(hosts, 'name', 'asc'))).toEqual(['db-1', 'old', 'web-1', 'web-2']);
    expect(names(sortHosts(hosts, 'status', 'asc'))[0]).toBe('db-1');
  });
});

describe('fleetTotals', () => {
  it('counts hosts by status and sums containers by state', () => {
    const counts = {
      total: 5,
      running: 3,
      paused: 1,
      restarting: 0,
      exited: 1,
      created: 0,
      dead: 0,
      removing: 0,
    };
    const totals = fleetTotals([
      ...hosts,
      makeHost({
        id: 'e',
        name: 'e',
        containers: counts,
        agentUpdateAvailable: true,
        latestAgentVersion: '1.5.0',
      }),
    ]);
    expect(totals.hosts).toEqual({ total: 5, online: 3, offline: 1, pending: 0, revoked: 1 });
    expect(totals.containers).toEqual({
      total: 5,
      running: 3,
      paused: 1,
      restarting: 0,
      exited: 1,
      other: 0,
    });
    expect(totals.outdatedAgents).toBe(1);
  });

  it('reads the same numbers from the overview while hosts load', () => {
    const totals = overviewTotals({
      hosts: { total: 1000, online: 990, offline: 8, pending: 2, revoked: 0 },
      containers: { total: 100, byState: { running: 90, exited: 6, dead: 4 }, byHealth: {} },
    });
    expect(totals.hosts.online).toBe(990);
    expect(totals.containers).toEqual({
      total: 100,
      running: 90,
      paused: 0,
      restarting: 0,
      exited: 6,
      other: 4,
    });
  });
});

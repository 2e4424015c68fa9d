'use client';

import type { Host, Overview } from '@berth/api-contract';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAlertCountsByHost } from '@/components/alerts/use-alert-counts-by-host';
import { browserApi } from '@/lib/api/browser-api';
import { type GroupChip, listGroupHostIds } from '@/lib/api/container-groups';
import { getHost, listHostsPage } from '@/lib/api/hosts';
import type { LiveEvent } from '@/lib/api/live-stream';
import { useLiveEventBatches } from '@/lib/api/live-stream';
import { type Page, readAllPages } from '@/lib/api/pagination';
import { applyHostEvents } from '@/lib/fleet/apply-host-events';
import {
  filterHosts,
  fleetTotals,
  type HostRow,
  type HostSort,
  type HostStatus,
  overviewTotals,
  type SortOrder,
  sortHosts,
  toHostRow,
} from '@/lib/fleet/host-rows';
import { labelChoices, parseHostQuery } from '@/lib/fleet/label-selector';
import { formatCount } from '@/lib/format/format-number';
import styles from './fleet.module.css';
import { FleetTotalsBar } from './fleet-totals';
import { HostsTable } from './hosts-table';

/** More stale hosts than this after a burst of container events: reload the list instead. */
const MAX_HOST_REFETCH = 20;

function mergeHosts(hosts: readonly Host[], previous: readonly HostRow[]): HostRow[] {
  const byId = new Map(previous.map((row) => [row.id, row]));
  return hosts.map((host) => toHostRow(host, byId.get(host.id)));
}

/**
 * The fleet overview: totals, filters and the hosts table. The first page of hosts comes
 * rendered from the server; the rest load in the background (5 requests for 1,000 hosts),
 * then the live stream keeps every row current without reloading.
 */
export function FleetView({
  firstPage,
  overview,
  groups = [],
  initialGroup = '',
}: {
  firstPage: Page<Host>;
  overview: Overview | null;
  /** The organisation's container groups, for the group filter. */
  groups?: readonly GroupChip[];
  /** A group id from the URL (`/fleet?group=…`). */
  initialGroup?: string;
}) {
  const [rows, setRows] = useState<HostRow[]>(() => firstPage.items.map((host) => toHostRow(host)));
  const [complete, setComplete] = useState(firstPage.nextCursor === null);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<HostStatus | 'all'>('all');
  const [sort, setSort] = useState<HostSort>('name');
  const [order, setOrder] = useState<SortOrder>('asc');
  const [group, setGroup] = useState(groups.some((g) => g.id === initialGroup) ? initialGroup : '');
  // The hosts running a member of the chosen group, asked of the API (null: no group filter).
  const [groupHosts, setGroupHosts] = useState<Set<string> | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const alerts = useAlertCountsByHost();

  // What is being fetched, and the live events that wait for it (applied once it lands).
  const reloading = useRef({ all: false, hosts: new Set<string>() });
  const deferred = useRef<LiveEvent[]>([]);
  const onEventsRef = useRef<(events: LiveEvent[]) => void>(() => undefined);

  const landed = useCallback((rowsNow: HostRow[]) => {
    rowsRef.current = rowsNow;
    setRows(rowsNow);
    const held = deferred.current;
    deferred.current = [];
    if (held.length) onEventsRef.current(held);
  }, []);

  const reloadAll = useCallback(
    async (first?: Page<Host>) => {
      if (reloading.current.all) return;
      reloading.current.all = true;
      let next = rowsRef.current;
      try {
        const hosts = await readAllPages(
          (cursor) => listHostsPage(browserApi, { cursor }),
          Number.POSITIVE_INFINITY,
          first,
        );
        next = mergeHosts(hosts, rowsRef.current);
        setComplete(true);
      } finally {
        // Also when the reload failed: the held events then apply to the rows as they are.
        reloading.current.all = false;
        landed(next);
      }
    },
    [landed],
  );

  useEffect(() => {
    if (firstPage.nextCursor) reloadAll(firstPage).catch(() => setComplete(true));
  }, [firstPage, reloadAll]);

  const refetchHosts = useCallback(
    async (ids: Set<string>) => {
      if (ids.size > MAX_HOST_REFETCH) return reloadAll();
      for (const id of ids) reloading.current.hosts.add(id);
      const fresh = new Map<string, Host>();
      try {
        const hosts = await Promise.all([...ids].map((id) => getHost(browserApi, id).catch(() => null)));
        for (const host of hosts) if (host) fresh.set(host.id, host);
      } finally {
        for (const id of ids) reloading.current.hosts.delete(id);
        landed(
          rowsRef.current.map((row) => {
            const host = fresh.get(row.id);
            return host ? toHostRow(host, row) : row;
          }),
        );
      }
    },
    [reloadAll, landed],
  );

  onEventsRef.current = (events) => {
    const result = applyHostEvents(rowsRef.current, events, reloading.current);
    rowsRef.current = result.rows;
    setRows(result.rows);
    deferred.current.push(...result.deferred);
    if (result.reload) reloadAll().catch(() => undefined);
    else if (result.stale.size) refetchHosts(result.stale).catch(() => undefined);
  };
  useLiveEventBatches((events) => onEventsRef.current(events), 1000);

  useEffect(() => {
    setGroupHosts(null);
    if (!group) return;
    let current = true;
    listGroupHostIds(browserApi, group)
      .then((ids) => current && setGroupHosts(ids))
      .catch(() => current && setGroupHosts(new Set()));
    return () => {
      current = false;
    };
  }, [group]);

  const filter = useMemo(() => ({ ...parseHostQuery(query), status }), [query, status]);
  const shown = useMemo(() => {
    const inGroup = filterHosts(rows, filter).filter((row) => !groupHosts || groupHosts.has(row.id));
    return sortHosts(inGroup, sort, order);
  }, [rows, filter, groupHosts, sort, order]);
  const totals = useMemo(
    () => (complete || !overview ? fleetTotals(rows) : overviewTotals(overview)),
    [rows, complete, overview],
  );
  const labels = useMemo(() => labelChoices(rows), [rows]);

  function onSort(column: HostSort) {
    if (column === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(column);
      setOrder(column === 'cpu' || column === 'memory' || column === 'containers' ? 'desc' : 'asc');
    }
  }

  return (
    <>
      <FleetTotalsBar totals={totals} />
      <div className={styles.toolbar}>
        <input
          className={styles.search}
          type="search"
          aria-label="Filter hosts"
          placeholder="Filter by name, or a label: env=prod"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <select
          className={styles.select}
          aria-label="Status"
          value={status}
          onChange={(event) => setStatus(event.target.value as HostStatus | 'all')}
        >
          <option value="all">Any status</option>
          <option value="online">Online</option>
          <option value="offline">Offline</option>
          <option value="pending">Pending</option>
          <option value="revoked">Revoked</option>
        </select>
        {groups.length ? (
          <select
            className={styles.select}
            aria-label="Group"
            value={group}
            onChange={(event) => setGroup(event.target.value)}
          >
            <option value="">Any group</option>
            {groups.map((choice) => (
              <option key={choice.id} value={choice.id}>
                Runs {choice.name}
              </option>
            ))}
          </select>
        ) : null}
        {labels.length ? (
          <select
            className={styles.select}
            aria-label="Label"
            value=""
            onChange={(event) => setQuery((text) => `${text.trim()} ${event.target.value}`.trim())}
          >
            <option value="">Add a label filter…</option>
            {labels.slice(0, 200).map((choice) => (
              <option key={choice.label} value={choice.label}>
                {choice.label} ({choice.count})
              </option>
            ))}
          </select>
        ) : null}
        <span className={styles.count} aria-live="polite">
          {shown.length === rows.length
            ? `${formatCount(rows.length)} ${rows.length === 1 ? 'host' : 'hosts'}`
            : `${formatCount(shown.length)} of ${formatCount(rows.length)} hosts`}
          {complete ? '' : ' (loading the rest…)'}
        </span>
      </div>
      {shown.length ? (
        <HostsTable hosts={shown} sort={sort} order={order} onSort={onSort} alerts={alerts} />
      ) : (
        <p className={styles.noMatch}>No host matches these filters.</p>
      )}
    </>
  );
}

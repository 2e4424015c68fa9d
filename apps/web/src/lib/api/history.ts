import {
  type ActionStatus,
  type FleetEvent,
  type Page,
  ZActionPageSchema,
  ZAuditLogPageSchema,
  ZFleetEventPageSchema,
} from '@berth/api-contract';
import type { z } from 'zod';
import { TIME_RANGE_MS } from '@/lib/chart-data';
import type { ApiClient } from './api-client';
import type { ContainerRef } from './containers';

/**
 * The history lists: fleet events, actions and the audit log. Each takes its filters as the
 * API's query parameters and a cursor; shapes are the contract's (@berth/api-contract).
 */
export type { Action as ActionRecord, ActionStatus, AuditEntry, FleetEvent } from '@berth/api-contract';

export type EventQuery = {
  hostId?: string;
  containerId?: string;
  /** Exact container name: its events on every host (of `hostId`, if given). */
  containerName?: string;
  action?: string;
  from?: string;
  to?: string;
};

export type ActionQuery = { hostId?: string; containerId?: string; status?: ActionStatus; verb?: string };

export type AuditQuery = {
  /** Exact (`member.remove`) or a family (`member.*`). */
  action?: string;
  actorUserId?: string;
  targetType?: string;
  from?: string;
  to?: string;
};

/** Every history list, by name: the one table the pages and "Load more" both read. */
export const HISTORY_LISTS = {
  events: { path: '/api/v1/events', page: ZFleetEventPageSchema },
  actions: { path: '/api/v1/actions', page: ZActionPageSchema },
  audit: { path: '/api/v1/audit-logs', page: ZAuditLogPageSchema },
} as const;
export type HistoryList = keyof typeof HISTORY_LISTS;

export type HistoryItem<L extends HistoryList> = z.infer<(typeof HISTORY_LISTS)[L]['page']>['items'][number];
export type HistoryQuery<L extends HistoryList> = L extends 'events'
  ? EventQuery
  : L extends 'actions'
    ? ActionQuery
    : AuditQuery;

export const HISTORY_PAGE_SIZE = 50;

/** One page of a history list, newest first. */
export function listHistory<L extends HistoryList>(
  api: ApiClient,
  list: L,
  query: HistoryQuery<L>,
  cursor: string | null = null,
  signal?: AbortSignal,
): Promise<Page<HistoryItem<L>>> {
  const { path, page } = HISTORY_LISTS[list];
  return api.request({
    path,
    query: { ...query, limit: HISTORY_PAGE_SIZE, cursor: cursor ?? undefined },
    schema: page,
    signal,
  }) as Promise<Page<HistoryItem<L>>>;
}

/** GET /api/v1/events?hostId&containerId — a container's events of the last 7 days, newest first. */
export function listContainerEvents(
  api: ApiClient,
  ref: ContainerRef,
  signal?: AbortSignal,
): Promise<Page<FleetEvent>> {
  const to = Date.now();
  return api.request({
    path: HISTORY_LISTS.events.path,
    query: {
      hostId: ref.hostId,
      containerId: ref.containerId,
      from: new Date(to - TIME_RANGE_MS['7d']).toISOString(),
      to: new Date(to).toISOString(),
      limit: 100,
    },
    schema: ZFleetEventPageSchema,
    signal,
  });
}

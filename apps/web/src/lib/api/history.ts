import { z } from 'zod';
import type { ApiClient } from './api-client';
import { type Page, pageSchema } from './pagination';

/**
 * The history lists: fleet events, actions and the audit log. Each takes its filters as the
 * API's query parameters and a cursor; paths and shapes live here only.
 */

export const ZFleetEventSchema = z.object({
  ts: z.string(),
  hostId: z.string(),
  hostName: z.string().nullable(),
  containerId: z.string(),
  containerName: z.string().nullable(),
  /** Docker's action verbatim: `start`, `die`, `health_status: healthy`. */
  action: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  /** Identical events within one batch are counted, not repeated. */
  count: z.number(),
});
export type FleetEvent = z.infer<typeof ZFleetEventSchema>;

export type EventQuery = {
  hostId?: string;
  containerId?: string;
  action?: string;
  from?: string;
  to?: string;
};

export const ACTION_STATUSES = [
  'queued',
  'sent',
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'rejected',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ZActionRecordSchema = z.object({
  id: z.string(),
  hostId: z.string(),
  containerId: z.string().nullable(),
  verb: z.string(),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(ACTION_STATUSES),
  output: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedByToken: z.string().nullable(),
  deadline: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type ActionRecord = z.infer<typeof ZActionRecordSchema>;

export type ActionQuery = { hostId?: string; containerId?: string; status?: ActionStatus; verb?: string };

export const ZAuditEntrySchema = z.object({
  id: z.string(),
  /** `member.role_change`, `action.restart`, `enrolment_token.create`, … */
  action: z.string(),
  actorUserId: z.string().nullable(),
  actorTokenId: z.string().nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof ZAuditEntrySchema>;

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
  events: { path: '/api/v1/events', item: ZFleetEventSchema },
  actions: { path: '/api/v1/actions', item: ZActionRecordSchema },
  audit: { path: '/api/v1/audit-logs', item: ZAuditEntrySchema },
} as const;
export type HistoryList = keyof typeof HISTORY_LISTS;

export type HistoryItem<L extends HistoryList> = z.infer<(typeof HISTORY_LISTS)[L]['item']>;
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
  const { path, item } = HISTORY_LISTS[list];
  return api.request({
    path,
    query: { ...query, limit: HISTORY_PAGE_SIZE, cursor: cursor ?? undefined },
    schema: pageSchema(item),
    signal,
  }) as Promise<Page<HistoryItem<L>>>;
}

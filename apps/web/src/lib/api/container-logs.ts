import { type Page, type StoredLogLine, ZLogLinePageSchema } from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type ContainerRef, containerPath } from './containers';

/** GET …/logs — the newest stored lines of the last 24 hours (newest first). */
export function listContainerLogs(
  api: ApiClient,
  ref: ContainerRef,
  signal?: AbortSignal,
): Promise<Page<StoredLogLine>> {
  return api.request({
    path: `${containerPath(ref)}/logs`,
    query: { order: 'desc', limit: 1000 },
    schema: ZLogLinePageSchema,
    signal,
  });
}

/** …/logs?follow=1 — live lines as Server-Sent Events (`lines`, then `end`; contract `ZLiveLogLinesSchema`). */
export function containerLogsFollowUrl(ref: ContainerRef, tail = 0): string {
  return `${containerPath(ref)}/logs?follow=1&tail=${tail}`;
}

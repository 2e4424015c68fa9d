import {
  CONTAINER_SORT_KEY_TYPES,
  type ContainerFilters,
  type ContainerListRow,
  type ContainerSort,
  type KeyType,
  listContainers as queryContainers,
  type SortOrder,
} from '@berth/db/queries';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { decodeCursor, pageOf } from '../pagination.js';
import { hostScopeOf } from './host-scope.js';
import { iso, isoOrNull } from './iso.js';

export type ContainerListInput = {
  filters: ContainerFilters;
  sort: ContainerSort;
  order: SortOrder;
  cursor?: string | undefined;
  limit: number;
};

const KEY_VALUE: Record<KeyType, z.ZodType<string | number>> = {
  text: z.string().max(1000),
  uuid: z.uuid(),
  int: z.int(),
  float8: z.number(),
};

/** A cursor remembers its sort and order: used with others, it is refused rather than misread. */
function cursorSchema(sort: ContainerSort, order: SortOrder) {
  const key = CONTAINER_SORT_KEY_TYPES[sort].map((type) => KEY_VALUE[type]);
  return z.object({
    s: z.literal(sort),
    o: z.literal(order),
    k: z.tuple(key as [z.ZodType, ...z.ZodType[]]),
  });
}

export function toContainerSummary(row: ContainerListRow) {
  const hasReading = row.sampledAt !== null && row.cpuPct !== null;
  return {
    hostId: row.hostId,
    hostName: row.hostName,
    containerId: row.containerId,
    dockerId: row.dockerId,
    name: row.name,
    image: row.image,
    labels: row.labels,
    state: row.state,
    health: row.health,
    restartCount: row.restartCount,
    createdAt: iso(row.createdAt),
    startedAt: isoOrNull(row.startedAt),
    removedAt: isoOrNull(row.removedAt),
    groups: row.groups,
    current:
      hasReading && row.sampledAt
        ? {
            sampledAt: iso(row.sampledAt),
            cpuPct: Math.round((row.cpuPct ?? 0) * 100) / 100,
            memBytes: Math.round(row.memBytes ?? 0),
            memLimit: row.memLimit ?? 0,
          }
        : null,
  };
}

/** Containers across the fleet, filtered and sorted, a keyset page at a time. */
export async function listContainers(ctx: ApiContext, principal: Principal, input: ContainerListInput) {
  const after = decodeCursor(cursorSchema(input.sort, input.order), input.cursor);
  const rows = await inOrg(ctx, principal, async (tx) =>
    queryContainers(tx, {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      filters: input.filters,
      sort: input.sort,
      order: input.order,
      after: after ? (after.k as (string | number)[]) : null,
      limit: input.limit,
    }),
  );
  return pageOf(
    rows,
    input.limit,
    (row) => ({ s: input.sort, o: input.order, k: row.key }),
    toContainerSummary,
  );
}

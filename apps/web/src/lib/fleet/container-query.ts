import {
  CONTAINER_HEALTH,
  CONTAINER_SORTS,
  CONTAINER_STATES,
  type ContainerHealth,
  type ContainerSort,
  type ContainerState,
} from '@berth/api-contract';
import type { ContainerQuery } from '@/lib/api/containers';

type SearchParams = Record<string, string | string[] | undefined>;

function all(params: SearchParams, key: string): string[] {
  const value = params[key];
  return (value === undefined ? [] : [value].flat()).flatMap((entry) => entry.split(',')).filter(Boolean);
}

function one(params: SearchParams, key: string): string | undefined {
  const value = all(params, key)[0]?.trim();
  return value ? value.slice(0, 200) : undefined;
}

function pick<T extends string>(values: readonly T[], wanted: string[]): T[] {
  return wanted.filter((value): value is T => (values as readonly string[]).includes(value));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The /containers page's URL as an API query: unknown values are dropped rather than sent
 * (a hand-edited link shows the unfiltered list instead of an error page).
 */
export function containerQueryFromSearch(params: SearchParams): ContainerQuery {
  const sort = pick(CONTAINER_SORTS, all(params, 'sort'))[0];
  const order = one(params, 'order');
  const host = one(params, 'host');
  const label =
    params.label === undefined
      ? []
      : [params.label]
          .flat()
          .filter((v) => v.trim())
          .slice(0, 10);
  return {
    hostId: host && UUID.test(host) ? host : undefined,
    label,
    group: all(params, 'group')
      .filter((id) => UUID.test(id))
      .slice(0, 20),
    state: pick<ContainerState>(CONTAINER_STATES, all(params, 'state')),
    health: pick<ContainerHealth>(CONTAINER_HEALTH, all(params, 'health')),
    image: one(params, 'image'),
    q: one(params, 'q'),
    sort: sort as ContainerSort | undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
  };
}

/** The URL search of a query (the inverse of containerQueryFromSearch). */
export function containerQueryToSearch(query: ContainerQuery): string {
  const search = new URLSearchParams();
  if (query.q) search.set('q', query.q);
  if (query.image) search.set('image', query.image);
  if (query.hostId) search.set('host', query.hostId);
  for (const label of query.label ?? []) search.append('label', label);
  for (const group of query.group ?? []) search.append('group', group);
  if (query.state?.length) search.set('state', query.state.join(','));
  if (query.health?.length) search.set('health', query.health.join(','));
  if (query.sort) search.set('sort', query.sort);
  if (query.order) search.set('order', query.order);
  const text = search.toString();
  return text ? `?${text}` : '';
}

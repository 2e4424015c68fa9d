import { ACTION_STATUSES } from '@berth/api-contract';
import { z } from 'zod';
import type { ActionQuery, AuditQuery, EventQuery } from './history';

/**
 * The history pages keep their filters in the URL (shareable, back-button friendly, and a
 * plain GET form works without JavaScript). These turn `searchParams` into the API's query;
 * a malformed value is dropped rather than breaking the page, and reported so the form can
 * say which field it ignored.
 */

export type SearchParams = Record<string, string | string[] | undefined>;

export const TIME_PRESETS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
} as const;
export type TimePreset = keyof typeof TIME_PRESETS;
export type RangeChoice = TimePreset | 'all' | 'custom';

export type TimeFilter = {
  range: RangeChoice;
  /** Custom bounds as typed (`YYYY-MM-DDTHH:mm`, the user's zone), kept to refill the form. */
  fromLocal: string;
  toLocal: string;
};

export type ParsedFilters<Q> = {
  /** What the API is asked. */
  query: Q;
  /** What the form shows (every field as a string). */
  form: Record<string, string>;
  /** Fields whose value was ignored, with why. */
  invalid: Record<string, string>;
};

function first(params: SearchParams, name: string): string {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

const UUID = z.uuid();
const SHORT_CONTAINER_ID = /^[0-9a-f]{12}$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * A wall-clock time typed in `timeZone` (a `datetime-local` value) as a UTC instant; null if
 * malformed. Across a DST change the offset is taken at the result, so 09:00 means 09:00 local.
 */
export function zonedLocalToIso(local: string, timeZone: string): string | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== d) return null;
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** `range`, `from`, `to` → the API's `from`/`to` (ISO, UTC). */
function parseTime(
  params: SearchParams,
  defaultRange: RangeChoice,
  allowAll: boolean,
  timeZone: string,
  now: number,
  invalid: Record<string, string>,
): { from?: string; to?: string; filter: TimeFilter } {
  const asked = first(params, 'range');
  const range: RangeChoice =
    asked in TIME_PRESETS || (allowAll && asked === 'all') || asked === 'custom'
      ? (asked as RangeChoice)
      : defaultRange;
  if (asked && range !== asked) invalid.range = 'unknown time range';
  const filter: TimeFilter = { range, fromLocal: first(params, 'from'), toLocal: first(params, 'to') };
  if (range === 'all') return { filter };
  if (range !== 'custom') return { from: new Date(now - TIME_PRESETS[range]).toISOString(), filter };
  const from = filter.fromLocal ? zonedLocalToIso(filter.fromLocal, timeZone) : null;
  const to = filter.toLocal ? zonedLocalToIso(filter.toLocal, timeZone) : null;
  if (filter.fromLocal && !from) invalid.from = 'not a date and time';
  if (filter.toLocal && !to) invalid.to = 'not a date and time';
  if (from && to && from >= to) {
    invalid.from = 'must be before the end';
    return { filter };
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), filter };
}

function timeForm(filter: TimeFilter): Record<string, string> {
  return { range: filter.range, from: filter.fromLocal, to: filter.toLocal };
}

function pick(
  params: SearchParams,
  name: string,
  valid: (value: string) => boolean,
  why: string,
  invalid: Record<string, string>,
): string | undefined {
  const value = first(params, name);
  if (!value) return undefined;
  if (valid(value)) return value;
  invalid[name] = why;
  return undefined;
}

const isUuid = (value: string) => UUID.safeParse(value).success;

type Clock = { timeZone: string; now: number };

/** Host (a uuid) and container (the 12-hex short id): what events and actions are about. */
function parseSubject(
  params: SearchParams,
  invalid: Record<string, string>,
): { query: { hostId?: string; containerId?: string }; form: { hostId: string; containerId: string } } {
  const hostId = pick(params, 'hostId', isUuid, 'not a host id', invalid);
  const containerId = pick(
    params,
    'containerId',
    (v) => SHORT_CONTAINER_ID.test(v),
    'expected the 12-character container id',
    invalid,
  );
  // Typed text stays in the form even when ignored, so it can be corrected.
  return {
    query: { hostId, containerId },
    form: { hostId: hostId ?? '', containerId: first(params, 'containerId') },
  };
}

/**
 * Events: host, container (name, or the 12-hex short id links use), Docker action, time range
 * (default: last 24 h).
 */
export function parseEventFilters(params: SearchParams, { timeZone, now }: Clock): ParsedFilters<EventQuery> {
  const invalid: Record<string, string> = {};
  const subject = parseSubject(params, invalid);
  const containerName = pick(params, 'containerName', (v) => v.length <= 255, 'too long', invalid);
  const action = pick(params, 'action', (v) => v.length <= 100, 'too long', invalid);
  const time = parseTime(params, '24h', false, timeZone, now, invalid);
  const query: EventQuery = { ...subject.query, containerName, action, from: time.from, to: time.to };
  return {
    query: dropUndefined(query),
    form: {
      ...subject.form,
      containerName: first(params, 'containerName'),
      action: action ?? '',
      ...timeForm(time.filter),
    },
    invalid,
  };
}

/** Actions: host, container, status, verb (the API keeps every action; no time filter). */
export function parseActionFilters(params: SearchParams): ParsedFilters<ActionQuery> {
  const invalid: Record<string, string> = {};
  const subject = parseSubject(params, invalid);
  const status = pick(
    params,
    'status',
    (v) => (ACTION_STATUSES as readonly string[]).includes(v),
    'unknown status',
    invalid,
  ) as ActionQuery['status'] | undefined;
  const verb = pick(params, 'verb', (v) => /^[a-z_]{1,32}$/.test(v), 'unknown verb', invalid);
  return {
    query: dropUndefined({ ...subject.query, status, verb }),
    form: {
      ...subject.form,
      status: status ?? '',
      verb: verb ?? '',
    },
    invalid,
  };
}

/** Audit: action or family (`member.*`), who, target type, time range (default: all time). */
export function parseAuditFilters(params: SearchParams, { timeZone, now }: Clock): ParsedFilters<AuditQuery> {
  const invalid: Record<string, string> = {};
  const action = pick(
    params,
    'action',
    (v) => /^[a-z_]+(\.([a-z_]+|\*))?$/.test(v) && v.length <= 100,
    'expected e.g. member.remove or member.*',
    invalid,
  );
  const actorUserId = pick(params, 'actorUserId', isUuid, 'not a member id', invalid);
  const targetType = pick(
    params,
    'targetType',
    (v) => /^[a-z_]{1,50}$/.test(v),
    'unknown target type',
    invalid,
  );
  const time = parseTime(params, 'all', true, timeZone, now, invalid);
  return {
    query: dropUndefined({ action, actorUserId, targetType, from: time.from, to: time.to }),
    form: {
      action: action ?? '',
      actorUserId: actorUserId ?? '',
      targetType: targetType ?? '',
      ...timeForm(time.filter),
    },
    invalid,
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

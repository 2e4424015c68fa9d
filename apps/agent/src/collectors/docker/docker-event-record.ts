import type { ContainerEvent } from '@berth/protocol';
import { LIMITS } from '@berth/protocol';
import * as z from 'zod/mini';
import { boundText } from '../shared/truncate-utf8.js';
import { nsToIso } from './docker-time.js';

/** A container event as read from `GET /events`, before it becomes a protocol record. */
export type DockerEvent = {
  /** Full 64-hex container id. */
  containerId: string;
  action: string;
  timeNs: bigint;
  /** Docker's attributes: the container's labels plus image, name, exitCode, signal, … */
  attributes: Record<string, string>;
  /** container|action|timeNano: identical events from a resumed stream share it. */
  key: string;
};

/**
 * Actions worth a record. Left out as noise: exec_* (every health check runs one), attach,
 * detach, resize, top, copy, archive-path, extract-to-dir, export, commit.
 */
const RECORDED_ACTIONS = new Set([
  'create',
  'start',
  'restart',
  'stop',
  'die',
  'kill',
  'oom',
  'pause',
  'unpause',
  'destroy',
  'rename',
  'update',
  'health_status',
]);

/** Docker's own attributes we keep; the labels it repeats are in the inventory already. */
const KEPT_ATTRIBUTES = ['exitCode', 'image', 'name', 'signal', 'oldName'] as const;

const ZDockerEventSchema = z.object({
  Type: z.string(),
  Action: z.string(),
  Actor: z.object({ ID: z.string(), Attributes: z.nullish(z.record(z.string(), z.string())) }),
  time: z.optional(z.number()),
});

/** One line of the events stream, or null when it is not a container event we can read. */
export function parseDockerEventLine(line: string): DockerEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = ZDockerEventSchema.safeParse(json);
  if (!parsed.success || parsed.data.Type !== 'container') return null;
  const { Action: action, Actor: actor, time } = parsed.data;
  if (!/^[0-9a-f]{64}$/.test(actor.ID) || action === '') return null;
  // timeNano is above 2^53, so JSON.parse rounds it: take its digits from the text instead.
  const nanoText = /"timeNano"\s*:\s*(\d+)/.exec(line)?.[1];
  const timeNs = nanoText ? BigInt(nanoText) : BigInt(Math.trunc(time ?? 0)) * 1_000_000_000n;
  return {
    containerId: actor.ID,
    action,
    timeNs,
    attributes: actor.Attributes ?? {},
    key: `${actor.ID}|${action}|${timeNs}`,
  };
}

/** Whether the action (its part before ":", as in "health_status: healthy") is recorded. */
export function isRecordedAction(action: string): boolean {
  return RECORDED_ACTIONS.has(action.split(':', 1)[0] ?? '');
}

export function toContainerEvent(event: DockerEvent): ContainerEvent {
  const attributes: Record<string, string> = {};
  for (const name of KEPT_ATTRIBUTES) {
    const value = event.attributes[name];
    if (value !== undefined) attributes[name] = boundText(value, LIMITS.maxLabelValueBytes);
  }
  return {
    containerId: event.containerId.slice(0, 12),
    ts: nsToIso(event.timeNs),
    action: boundText(event.action, 1024),
    attributes,
    count: 1,
  };
}

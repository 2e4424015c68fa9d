import { ZBatchFrameSchema } from '@berth/protocol';
import type * as z from 'zod/mini';
import type { BatchContent } from './batch-source.js';

export type DroppedItem = { path: string; message: string };
export type ValidatedContent = { content: BatchContent; dropped: DroppedItem[] } | { error: string };

const ITEM_ARRAYS = ['containerSamples', 'hostSamples', 'events', 'logs', 'health', 'checkResults'] as const;
type ItemArray = (typeof ITEM_ARRAYS)[number];
const PLACEHOLDER = { type: 'batch', seq: 1, sentAt: '2000-01-01T00:00:00.000Z' } as const;

/**
 * Validates content against the protocol before it is spooled. A batch the gateway refuses
 * would be re-sent forever, so items that fail (a collector bug, a value out of range) are
 * dropped and named, and the rest of the batch goes on. Returns the parsed (stripped) content.
 */
export function dropInvalidItems(content: BatchContent): ValidatedContent {
  const dropped: DroppedItem[] = [];
  let current = content;
  for (let pass = 0; pass < 2; pass += 1) {
    const result = ZBatchFrameSchema.safeParse({ ...PLACEHOLDER, ...current });
    if (result.success) {
      const { type: _type, seq: _seq, sentAt: _sentAt, gap: _gap, ...parsed } = result.data;
      return { content: parsed, dropped };
    }
    const pruned = pruneIssues(current, result.error.issues, dropped);
    if (!pruned) break;
    current = pruned;
  }
  return { error: 'batch content is invalid beyond single items' };
}

function pruneIssues(
  content: BatchContent,
  issues: readonly z.core.$ZodIssue[],
  dropped: DroppedItem[],
): BatchContent | undefined {
  const bad = new Map<string, Set<number>>();
  let dropInventory = false;
  for (const issue of issues) {
    const [key, second, third] = issue.path;
    const path = issue.path.map(String).join('.');
    dropped.push({ path, message: issue.message });
    if (key === 'inventory') {
      if ((second === 'containers' || second === 'removed') && typeof third === 'number') {
        mark(bad, `inventory.${second}`, third);
      } else dropInventory = true;
    } else if (typeof key === 'string' && isItemArray(key) && typeof second === 'number') {
      mark(bad, key, second);
    } else {
      return undefined;
    }
  }
  const keep = <T>(key: string, items: readonly T[]) => items.filter((_, index) => !bad.get(key)?.has(index));
  const next: BatchContent = {
    containerSamples: keep('containerSamples', content.containerSamples),
    hostSamples: keep('hostSamples', content.hostSamples),
    events: keep('events', content.events),
    logs: keep('logs', content.logs),
    health: keep('health', content.health),
  };
  const checkResults = keep('checkResults', content.checkResults ?? []);
  if (checkResults.length > 0) next.checkResults = checkResults;
  const inventory = content.inventory;
  if (inventory && !dropInventory) {
    const containers = keep('inventory.containers', inventory.containers);
    const removed = keep('inventory.removed', inventory.removed);
    // A full list missing a container would tell the gateway that container is gone.
    const full = inventory.full && containers.length === inventory.containers.length;
    next.inventory = { full, containers, removed };
  }
  return next;
}

function isItemArray(key: string): key is ItemArray {
  return (ITEM_ARRAYS as readonly string[]).includes(key);
}

function mark(bad: Map<string, Set<number>>, key: string, index: number): void {
  const set = bad.get(key) ?? new Set<number>();
  set.add(index);
  bad.set(key, set);
}

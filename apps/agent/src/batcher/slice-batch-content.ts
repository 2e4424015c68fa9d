import { countBatchItems, type Inventory } from '@berth/protocol';
import type { BatchContent } from './batch-source.js';

/**
 * Items `from`…`to - 1` of a batch's content, counting its arrays as one list in this order:
 * inventory containers, inventory removals, events, health, check results, host samples, container
 * samples, logs.
 * A full inventory cut in parts becomes partial (`full: false`): a part must not claim that the
 * containers in the other parts are gone.
 */
export function sliceBatchContent(content: BatchContent, from: number, to: number): BatchContent {
  let offset = 0;
  const take = <T>(items: readonly T[]): T[] => {
    const start = offset;
    offset += items.length;
    return items.slice(Math.max(0, from - start), Math.max(0, to - start));
  };
  const inventory = content.inventory ? sliceInventory(content.inventory, take, from) : undefined;
  const events = take(content.events);
  const health = take(content.health);
  const checkResults = take(content.checkResults ?? []);
  const hostSamples = take(content.hostSamples);
  const containerSamples = take(content.containerSamples);
  const logs = take(content.logs);
  return {
    containerSamples,
    hostSamples,
    ...(inventory ? { inventory } : {}),
    events,
    logs,
    health,
    // Left out when empty: a batch without check results is what agents before issue 16 sent.
    ...(checkResults.length > 0 ? { checkResults } : {}),
  };
}

function sliceInventory(
  inventory: Inventory,
  take: <T>(items: readonly T[]) => T[],
  from: number,
): Inventory | undefined {
  const total = inventory.containers.length + inventory.removed.length;
  const containers = take(inventory.containers);
  const removed = take(inventory.removed);
  const taken = containers.length + removed.length;
  // An empty full inventory ("no containers at all") still means something: it goes in the first part.
  if (taken === 0 && !(total === 0 && from === 0)) return undefined;
  return { full: inventory.full && taken === total, containers, removed };
}

/** Item ranges of at most `maxItems`; one empty range when only an empty inventory is present. */
export function splitByItems(content: BatchContent, maxItems: number): BatchContent[] {
  const total = countBatchItems(content);
  if (total === 0) return content.inventory ? [sliceBatchContent(content, 0, 0)] : [];
  const parts: BatchContent[] = [];
  for (let from = 0; from < total; from += maxItems) {
    parts.push(sliceBatchContent(content, from, Math.min(total, from + maxItems)));
  }
  return parts;
}

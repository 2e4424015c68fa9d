import type { Inventory, InventoryContainer } from '@berth/protocol';

const shortId = (id: string): string => id.slice(0, 12);

/** Records are built with a fixed key order (labels and ports sorted), so JSON equality is equality. */
function sameContainer(a: InventoryContainer, b: InventoryContainer): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What changed from `previous` to `next`: changed or new containers and removed short ids; null if nothing. */
export function diffInventory(
  previous: ReadonlyMap<string, InventoryContainer>,
  next: readonly InventoryContainer[],
): Inventory | null {
  const nextIds = new Set(next.map((container) => container.id));
  const containers = next.filter((container) => {
    const before = previous.get(container.id);
    return !before || !sameContainer(before, container);
  });
  const removed = [...previous.keys()].filter((id) => !nextIds.has(id)).map(shortId);
  if (containers.length === 0 && removed.length === 0) return null;
  return { full: false, containers, removed };
}

/**
 * Folds `next` into an inventory not yet handed to the batcher, so one batch carries one inventory:
 * a full snapshot replaces everything; a diff on top of a full snapshot keeps it full; two diffs
 * merge (latest record wins, removals accumulate).
 */
export function mergeInventory(pending: Inventory | undefined, next: Inventory): Inventory {
  if (!pending || next.full) return next;
  const removed = new Set(next.removed);
  const byId = new Map(pending.containers.map((container) => [container.id, container]));
  for (const id of byId.keys()) if (removed.has(shortId(id))) byId.delete(id);
  for (const container of next.containers) byId.set(container.id, container);
  const containers = [...byId.values()];
  if (pending.full) return { full: true, containers, removed: [] };
  const live = new Set(containers.map((container) => shortId(container.id)));
  const allRemoved = [...new Set([...pending.removed, ...next.removed])].filter((id) => !live.has(id));
  return { full: false, containers, removed: allRemoved };
}

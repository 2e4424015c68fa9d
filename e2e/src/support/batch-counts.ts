/** Items of one batch, by the table they land in. */
export type BatchCounts = {
  containerSamples: number;
  hostSamples: number;
  /** Docker events; health-check results are stored as events too, counted apart here. */
  events: number;
  health: number;
  logs: number;
};

export const COUNT_KEYS = ['containerSamples', 'hostSamples', 'events', 'health', 'logs'] as const;

export function emptyCounts(): BatchCounts {
  return { containerSamples: 0, hostSamples: 0, events: 0, health: 0, logs: 0 };
}

export function addCounts(into: BatchCounts, more: BatchCounts): void {
  for (const key of COUNT_KEYS) into[key] += more[key];
}

/** From a "batch spooled" log record (its fields) or a batch frame (its arrays). */
export function countBatchItems(source: Record<string, unknown>): BatchCounts {
  const counts = emptyCounts();
  for (const key of COUNT_KEYS) {
    const value = source[key];
    counts[key] = Array.isArray(value) ? value.length : typeof value === 'number' ? value : 0;
  }
  return counts;
}

/** `key=value` (that value) or `key` (any value), as the API's `?label=` takes them. */
export type LabelSelector = { key: string; value?: string };

/** Splits a filter box's text into search words and label selectors (`env=prod`, `label:gpu`). */
export function parseHostQuery(text: string): { words: string[]; labels: LabelSelector[] } {
  const words: string[] = [];
  const labels: LabelSelector[] = [];
  for (const token of text.trim().split(/\s+/)) {
    if (!token) continue;
    if (token.startsWith('label:') && token.length > 6) {
      labels.push(parseLabelSelector(token.slice(6)));
    } else if (token.includes('=')) {
      labels.push(parseLabelSelector(token));
    } else {
      words.push(token.toLowerCase());
    }
  }
  return { words, labels: labels.filter((selector) => selector.key.length > 0) };
}

export function parseLabelSelector(text: string): LabelSelector {
  const at = text.indexOf('=');
  return at < 0 ? { key: text } : { key: text.slice(0, at), value: text.slice(at + 1) };
}

export function formatLabelSelector(selector: LabelSelector): string {
  return selector.value === undefined ? selector.key : `${selector.key}=${selector.value}`;
}

/** True when every selector matches (a missing value means "has the key"). */
export function matchesLabels(labels: Record<string, string>, selectors: readonly LabelSelector[]): boolean {
  return selectors.every((selector) => {
    const value = labels[selector.key];
    if (value === undefined) return false;
    return selector.value === undefined || value === selector.value;
  });
}

/** Every `key=value` pair in use, sorted with counts (the label filter's choices). */
export function labelChoices(
  items: readonly { labels: Record<string, string> }[],
): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    for (const [key, value] of Object.entries(item.labels)) {
      const label = `${key}=${value}`;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

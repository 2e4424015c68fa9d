import type { Matcher } from '@berth/api-contract';

const LINE = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*)$/;

/**
 * Matchers as people write them, one per line: `host=web-1`, `container=~web-.*`,
 * `severity!=info`. A line that is not one comes back as written (the contract's schema names
 * what is wrong with it, under `matchers.N`).
 */
export function parseMatcherLines(text: string): (Matcher | { label: string; op: '='; value: string })[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = LINE.exec(line);
      if (!match) return { label: line, op: '=' as const, value: '' };
      const [, label = '', op = '=', value = ''] = match;
      return { label, op: op as Matcher['op'], value: value.trim().replace(/^"(.*)"$/, '$1') };
    });
}

export function formatMatcher(matcher: Matcher): string {
  return `${matcher.label}${matcher.op}${matcher.value}`;
}

import type { Notification, NotifiedAlert, Severity } from '../notification.js';

/** Worst first: the order a person triages in. */
const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function worstSeverity(notification: Notification): Severity {
  const firing = notification.alerts.filter((alert) => alert.status === 'firing');
  const pool = firing.length > 0 ? firing : notification.alerts;
  return pool.reduce<Severity>(
    (worst, alert) => (RANK[alert.severity] < RANK[worst] ? alert.severity : worst),
    'info',
  );
}

/** Firing before resolved, then worst severity, then oldest: what to read first. */
export function orderedAlerts(notification: Notification): NotifiedAlert[] {
  return [...notification.alerts].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'firing' ? -1 : 1) ||
      RANK[a.severity] - RANK[b.severity] ||
      a.startsAt.getTime() - b.startsAt.getTime(),
  );
}

/**
 * The one-line title every channel leads with, in Alertmanager's convention:
 * `[FIRING:2] High CPU — acme` or `[RESOLVED] Container died — acme`.
 */
export function titleOf(notification: Notification): string {
  if (notification.test) return `[TEST] Berth notification — ${notification.orgName}`;
  const firing = notification.alerts.filter((alert) => alert.status === 'firing').length;
  const rules = [...new Set(notification.alerts.map((alert) => alert.ruleName))];
  const what = rules.length === 1 ? rules[0] : `${rules[0]} and ${rules.length - 1} more`;
  const state = notification.status === 'firing' ? `FIRING:${firing}` : 'RESOLVED';
  return `[${state}] ${what} — ${notification.orgName}`;
}

/** One line per alert, e.g. `critical · web-1 on host-a exited with code 137 (resolved)`. */
export function alertLine(alert: NotifiedAlert): string {
  return `${alert.severity} · ${alert.summary}${alert.status === 'resolved' ? ' (resolved)' : ''}`;
}

/** Channels with a length limit list this many alerts and then say how many more there are. */
export const MAX_LISTED_ALERTS = 20;

export function listedAlerts(notification: Notification): { shown: NotifiedAlert[]; hidden: number } {
  const ordered = orderedAlerts(notification);
  return {
    shown: ordered.slice(0, MAX_LISTED_ALERTS),
    hidden: Math.max(0, ordered.length - MAX_LISTED_ALERTS),
  };
}

/** The plain-text body shared by e-mail, ntfy, Gotify, Pushover and Opsgenie, within `max` characters. */
export function plainText(notification: Notification, max = 100_000): string {
  const { shown, hidden } = listedAlerts(notification);
  return fitLines(max, {
    head: [],
    items: shown.map((alert) => `• ${alertLine(alert)}`),
    tail: notification.consoleUrl ? ['', `Open in Berth: ${notification.consoleUrl}`] : [],
    hiddenBefore: hidden,
  });
}

/** Severity colours (hex) for channels that colour a message: red, amber, blue; green when resolved. */
export function colourOf(notification: Notification): string {
  if (notification.status === 'resolved') return '#2e7d32';
  return { critical: '#c62828', warning: '#ef6c00', info: '#1565c0' }[worstSeverity(notification)];
}

/** Truncates to `max` characters with an ellipsis: receivers reject over-long fields outright. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Slack's mrkdwn needs only these three escaped. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Joins `head`, as many `items` as fit and `tail` within `max` characters, saying how many
 * items were left out: clipping the joined text instead would cut off the count and the
 * console link, the lines a reader of a long group most needs.
 */
export function fitLines(
  max: number,
  parts: { head: string[]; items: string[]; tail: string[]; hiddenBefore?: number },
  more: (count: number) => string = (count) => `… and ${count} more`,
): string {
  const fixed = [...parts.head, ...parts.tail].join('\n').length;
  const kept: string[] = [];
  let used = fixed;
  let hidden = parts.hiddenBefore ?? 0;
  for (const [index, item] of parts.items.entries()) {
    const remaining = parts.items.length - index - 1 + hidden;
    const reserve = remaining > 0 ? more(parts.items.length + hidden).length + 1 : 0;
    if (used + item.length + 1 + reserve > max) {
      hidden += parts.items.length - index;
      break;
    }
    kept.push(item);
    used += item.length + 1;
  }
  const lines = [...parts.head, ...kept];
  if (hidden > 0) lines.push(more(hidden));
  lines.push(...parts.tail);
  return clip(lines.join('\n'), max);
}

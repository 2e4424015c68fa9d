import { z } from 'zod';

/**
 * Parsing of the settings forms' free-text fields, shared by the server actions (which
 * validate before calling the API, so errors name the field) and their tests.
 */

/** Label keys as the API accepts them (Kubernetes-like): letters, digits and `. _ / -`. */
const LABEL_KEY = /^[A-Za-z0-9]([A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?$/;

/**
 * `env=prod, team=web` or one `key=value` per line → `{ env: 'prod', team: 'web' }`. Empty
 * text is no labels. A bad entry is an issue quoting it, so the user sees which one.
 */
export const ZLabelsTextSchema = z
  .string()
  .max(10_000)
  .transform((text, ctx) => {
    const labels: Record<string, string> = {};
    const entries = text
      .split(/[\n,]/)
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const at = entry.indexOf('=');
      const key = (at < 0 ? entry : entry.slice(0, at)).trim();
      const value = at < 0 ? '' : entry.slice(at + 1).trim();
      if (at < 0 || !LABEL_KEY.test(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not key=value (keys: letters, digits and . _ / -)`,
        });
        return z.NEVER;
      }
      if (value.length > 255) {
        ctx.addIssue({ code: 'custom', message: `the value of ${key} is longer than 255 characters` });
        return z.NEVER;
      }
      labels[key] = value;
    }
    if (Object.keys(labels).length > 32) {
      ctx.addIssue({ code: 'custom', message: 'at most 32 labels' });
      return z.NEVER;
    }
    return labels;
  });

/** The inverse, to prefill a form: `env=prod, team=web`. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** Lifetimes offered by the token and invite forms. */
export const EXPIRY_CHOICES = [
  { value: '1h', label: '1 hour', hours: 1 },
  { value: '24h', label: '24 hours', hours: 24 },
  { value: '72h', label: '3 days', hours: 72 },
  { value: '7d', label: '7 days', hours: 7 * 24 },
  { value: '30d', label: '30 days', hours: 30 * 24 },
  { value: '90d', label: '90 days', hours: 90 * 24 },
  { value: '365d', label: '1 year', hours: 365 * 24 },
] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

const EXPIRY_VALUES = EXPIRY_CHOICES.map((choice) => choice.value) as [ExpiryChoice, ...ExpiryChoice[]];
export const ZExpiryChoiceSchema = z.enum(EXPIRY_VALUES, { message: 'Choose how long it stays valid' });

export function expiryHours(choice: ExpiryChoice): number {
  return EXPIRY_CHOICES.find((entry) => entry.value === choice)?.hours ?? 24;
}

/** The instant a lifetime chosen now ends (ISO, UTC). */
export function expiryInstant(choice: ExpiryChoice, now: number): string {
  return new Date(now + expiryHours(choice) * 3_600_000).toISOString();
}

/** An optional whole number typed in a form: empty → null. */
export function optionalWholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      if (text === '') return null;
      const value = Number(text);
      if (!Number.isInteger(value) || value < min || value > max) {
        ctx.addIssue({
          code: 'custom',
          message: `Enter a whole number from ${min} to ${max}, or leave it empty`,
        });
        return z.NEVER;
      }
      return value;
    });
}

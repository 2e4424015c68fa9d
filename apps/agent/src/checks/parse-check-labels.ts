import { type CheckKind, type CheckSpec, ZCheckNameSchema } from '@berth/protocol';
import * as z from 'zod/mini';
import { boolean, durationMs, httpMethod, integer, regexSource, statusRange } from './check-label-values.js';

/** A check as its container's labels define it: a spec without the agent's id and version. */
export type LabelCheck = Omit<CheckSpec, 'id' | 'version' | 'containerName'> & { name: string };

/** Labels that define no runnable check, said in words that name the label. */
export type LabelCheckError = { name: string; kind?: CheckKind; error: string };

export type ParsedCheckLabels = { checks: LabelCheck[]; errors: LabelCheckError[] };

export const CHECK_LABEL_PREFIX = 'berth.check.';
/** The check of `berth.check.http=…` (no name in the label). */
export const DEFAULT_CHECK_NAME = 'default';
/** Where labels that name no valid check are reported. */
export const UNNAMED_LABELS_CHECK = 'labels';
/** More than this many checks on one container is a mistake, not a configuration. */
export const MAX_CHECKS_PER_CONTAINER = 20;

export const CHECK_DEFAULTS = {
  intervalMs: 30_000,
  timeoutMs: 10_000,
  retries: 1,
  expectStatus: { min: 200, max: 299 },
  certExpiryWarnDays: 14,
} as const;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
const HTTP_ONLY = [
  'method',
  'expect_status',
  'keyword',
  'keyword_absent',
  'keyword_regex',
  'max_latency',
  'follow_redirects',
  'tls_skip_verify',
  'cert_expiry_days',
] as const;

/** One check's label values (after `berth.check.[<name>.]`), each parsed from text. */
const ZCheckLabelsSchema = z.object({
  http: z.optional(
    z.string().check(z.maxLength(2048), z.regex(/^https?:\/\//i, 'expected an http:// or https:// URL')),
  ),
  url: z.optional(
    z.string().check(z.maxLength(2048), z.regex(/^https?:\/\//i, 'expected an http:// or https:// URL')),
  ),
  tcp: z.optional(z.string().check(z.maxLength(2048), z.regex(/^\S+:\S+$/, 'expected host:port'))),
  interval: z.optional(durationMs(10_000, 86_400_000)),
  timeout: z.optional(durationMs(100, 60_000)),
  retries: z.optional(integer(0, 10)),
  method: z.optional(httpMethod),
  expect_status: z.optional(statusRange),
  keyword: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  keyword_absent: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  keyword_regex: z.optional(regexSource),
  max_latency: z.optional(durationMs(1, 60_000)),
  follow_redirects: z.optional(boolean),
  tls_skip_verify: z.optional(boolean),
  cert_expiry_days: z.optional(integer(0, 365)),
});
type CheckLabelField = keyof typeof ZCheckLabelsSchema.shape;
const FIELDS = new Set<string>(Object.keys(ZCheckLabelsSchema.shape));

type Group = {
  values: Partial<Record<CheckLabelField, string>>;
  headers: Record<string, string>;
  errors: string[];
  /** The label text before the field: `berth.check.` or `berth.check.<name>.`. */
  prefix: string;
};

/**
 * Reads a container's `berth.check.*` labels (grammar: docs/checks.md). Every problem is an
 * error naming its label, collected per check: a bad label costs that one check, never the agent
 * or the container's other checks.
 */
export function parseCheckLabels(labels: Readonly<Record<string, string>>): ParsedCheckLabels {
  const groups = new Map<string, Group>();
  const stray: string[] = [];
  for (const key of Object.keys(labels).sort()) {
    if (!key.startsWith(CHECK_LABEL_PREFIX)) continue;
    const value = labels[key] ?? '';
    const segments = key.slice(CHECK_LABEL_PREFIX.length).split('.');
    const first = segments[0] ?? '';
    const named = !(FIELDS.has(first) || first === 'header');
    const name = named ? first : DEFAULT_CHECK_NAME;
    const [field = '', ...rest] = named ? segments.slice(1) : segments;
    if (named && !ZCheckNameSchema.safeParse(name).success) {
      stray.push(
        `label ${key}: "${first}" is neither a check option nor a check name (lowercase letters, digits, - and _)`,
      );
      continue;
    }
    const prefix = named ? `${CHECK_LABEL_PREFIX}${name}.` : CHECK_LABEL_PREFIX;
    const group = groups.get(name) ?? { values: {}, headers: {}, errors: [], prefix };
    groups.set(name, group);
    if (field === 'header' && rest.length > 0) {
      const header = rest.join('.');
      if (HEADER_NAME.test(header)) group.headers[header] = value;
      else group.errors.push(`label ${key}: "${header}" is not an HTTP header name`);
    } else if (FIELDS.has(field) && rest.length === 0) {
      group.values[field as CheckLabelField] = value;
    } else {
      group.errors.push(`label ${key}: unknown option (known: ${[...FIELDS, 'header.<Name>'].join(', ')})`);
    }
  }
  const parsed: ParsedCheckLabels = { checks: [], errors: [] };
  if (stray.length > 0) parsed.errors.push({ name: UNNAMED_LABELS_CHECK, error: stray.join('; ') });
  for (const [name, group] of groups) {
    if (parsed.checks.length >= MAX_CHECKS_PER_CONTAINER) {
      parsed.errors.push({
        name,
        error: `more than ${MAX_CHECKS_PER_CONTAINER} checks on one container; ${group.prefix}* ignored`,
      });
      continue;
    }
    const result = toCheck(name, group);
    if ('error' in result) parsed.errors.push(result);
    else parsed.checks.push(result);
  }
  return parsed;
}

function toCheck(name: string, group: Group): LabelCheck | LabelCheckError {
  const label = (field: string) => `${group.prefix}${field}`;
  const errors = [...group.errors];
  const targets = (['http', 'url', 'tcp'] as const).filter((field) => group.values[field] !== undefined);
  const kind: CheckKind | undefined = targets[0] === 'tcp' ? 'tcp' : targets[0] ? 'http' : undefined;
  const parsed = ZCheckLabelsSchema.safeParse(group.values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push(`label ${label(String(issue.path[0] ?? ''))}: ${issue.message}`);
    }
  }
  if (targets.length === 0) {
    errors.push(`${group.prefix}* needs a target: ${label('http')}, ${label('url')} or ${label('tcp')}`);
  } else if (targets.length > 1) {
    errors.push(`${targets.map(label).join(' and ')} both define the target; keep one`);
  }
  const keywords = (['keyword', 'keyword_absent', 'keyword_regex'] as const).filter(
    (field) => group.values[field] !== undefined,
  );
  if (keywords.length > 1) errors.push(`${keywords.map(label).join(' and ')}: keep one keyword option`);
  if (kind === 'tcp') {
    const httpOnly = [...HTTP_ONLY.filter((field) => group.values[field] !== undefined)];
    if (Object.keys(group.headers).length > 0) httpOnly.push('header.*' as never);
    for (const field of httpOnly) errors.push(`label ${label(field)}: applies to http checks only`);
  }
  if (errors.length > 0 || !parsed.success || !kind) {
    return { name, ...(kind ? { kind } : {}), error: errors.join('; ') };
  }
  const v = parsed.data;
  const check: LabelCheck = {
    name,
    kind,
    target: (v.http ?? v.url ?? v.tcp ?? '').trim(),
    intervalS: Math.round((v.interval ?? CHECK_DEFAULTS.intervalMs) / 1000),
    timeoutMs: v.timeout ?? CHECK_DEFAULTS.timeoutMs,
    retries: v.retries ?? CHECK_DEFAULTS.retries,
  };
  if (kind === 'http') {
    const keyword =
      v.keyword !== undefined
        ? { mode: 'contains' as const, value: v.keyword }
        : v.keyword_absent !== undefined
          ? { mode: 'absent' as const, value: v.keyword_absent }
          : v.keyword_regex !== undefined
            ? { mode: 'regex' as const, value: v.keyword_regex }
            : undefined;
    check.http = {
      method: v.method ?? 'GET',
      headers: group.headers,
      expectStatus: v.expect_status ?? { ...CHECK_DEFAULTS.expectStatus },
      ...(keyword ? { keyword: { ...keyword, caseSensitive: true } } : {}),
      ...(v.max_latency !== undefined ? { maxLatencyMs: v.max_latency } : {}),
      followRedirects: v.follow_redirects ?? true,
      skipTlsVerify: v.tls_skip_verify ?? false,
      certExpiryWarnDays: v.cert_expiry_days ?? CHECK_DEFAULTS.certExpiryWarnDays,
    };
  }
  return check;
}

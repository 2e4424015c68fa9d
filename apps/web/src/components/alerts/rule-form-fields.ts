import { type AlertRule, CONTAINER_RULE_KINDS, RULE_KINDS, type RuleKind } from '@berth/api-contract';

/**
 * The rule form's inputs → the API's rule body, and the API's field names → the form's inputs.
 * Pure (no server or browser API), so the server action and the live preview read the form the
 * same way. Numbers stay strings when they are not numbers, so the contract's schema (not this
 * file) says what is wrong with them, under the field's own name.
 */

/** Which params each kind reads from the form (inputs of the same name). */
const PARAM_FIELDS: Record<RuleKind, readonly string[]> = {
  container_metric: ['metric', 'op', 'threshold', 'windowS'],
  host_metric: ['metric', 'op', 'threshold', 'mount'],
  container_state: ['event', 'restarts', 'windowMinutes'],
  host_offline: ['missedIntervals'],
  agent_outdated: ['minVersion'],
  log_pattern: ['pattern', 'regex', 'caseSensitive', 'stream', 'count', 'windowS'],
  check: ['on', 'checkName'],
  image_update: ['minClass'],
};

const NUMERIC = new Set([
  'threshold',
  'windowS',
  'restarts',
  'windowMinutes',
  'missedIntervals',
  'count',
  'forS',
  'keepFiringForS',
  'repeatIntervalS',
  'maxRepeats',
  'groupWaitS',
  'groupIntervalS',
]);

/** The timing inputs, by the API's field names. */
const TIMING_FIELDS = [
  'forS',
  'keepFiringForS',
  'repeatIntervalS',
  'maxRepeats',
  'groupWaitS',
  'groupIntervalS',
] as const;

/**
 * The form's group wait when a rule is new: shorter than Alertmanager's 30 s (the API's
 * default) because a person who just made a "container died" rule expects the message within
 * seconds; 10 s still gathers the containers that die together into one message.
 */
export const FORM_GROUP_WAIT_S = 10;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A number where the input holds one, the text where it does not (the schema names the field). */
function numberOrText(value: string): number | string {
  const number = Number(value);
  return value !== '' && Number.isFinite(number) ? number : value;
}

export function kindOf(form: FormData): RuleKind {
  const kind = text(form, 'kind');
  return (RULE_KINDS as readonly string[]).includes(kind) ? (kind as RuleKind) : 'container_metric';
}

function paramsOf(form: FormData, kind: RuleKind): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const name of PARAM_FIELDS[kind]) {
    if (name === 'regex') {
      params.match = form.get('regex') === 'on' ? 'regex' : 'substring';
      continue;
    }
    if (name === 'caseSensitive') {
      params.caseSensitive = form.get('caseSensitive') === 'on';
      continue;
    }
    const value = name === 'pattern' ? String(form.get('pattern') ?? '') : text(form, name);
    if (value === '') continue;
    params[name] = NUMERIC.has(name) ? numberOrText(value) : value;
  }
  return params;
}

/** `env=prod, role` → [{ key: 'env', value: 'prod' }, { key: 'role' }]. */
export function parseLabelMatches(value: string): { key: string; value?: string }[] {
  return value
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? { key: part } : { key: part.slice(0, at).trim(), value: part.slice(at + 1).trim() };
    });
}

function scopeOf(form: FormData, kind: RuleKind): Record<string, unknown> {
  const scope: Record<string, unknown> = {};
  const hostIds = form.getAll('hostIds').map(String).filter(Boolean);
  if (hostIds.length) scope.hostIds = hostIds;
  const hostLabels = parseLabelMatches(text(form, 'hostLabels'));
  if (hostLabels.length) scope.hostLabels = hostLabels;
  if (CONTAINER_RULE_KINDS.includes(kind)) {
    const containerName = text(form, 'containerName');
    if (containerName) scope.containerName = containerName;
    const groupIds = form.getAll('groupIds').map(String).filter(Boolean);
    if (groupIds.length) scope.groupIds = groupIds;
    // The form has no inputs for container labels: an edited rule carries its own through.
    const containerLabels = text(form, 'containerLabels');
    if (containerLabels) scope.containerLabels = parseJsonOrText(containerLabels);
  }
  return scope;
}

function parseJsonOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** What the preview needs: the kind, its params and the scope. */
export function previewBodyFromForm(form: FormData) {
  const kind = kindOf(form);
  return { kind, params: paramsOf(form, kind), scope: scopeOf(form, kind) };
}

/** What the history replay needs: the preview's body and the rule's timing. */
export function historyBodyFromForm(form: FormData) {
  const timing: Record<string, number | string> = {};
  for (const name of ['forS', 'keepFiringForS']) {
    const value = text(form, name);
    if (value !== '') timing[name] = numberOrText(value);
  }
  return { ...previewBodyFromForm(form), ...timing };
}

/** The whole POST /api/v1/alert-rules body. */
export function ruleBodyFromForm(form: FormData): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: text(form, 'name'),
    description: text(form, 'description'),
    ...previewBodyFromForm(form),
    severity: text(form, 'severity') || 'warning',
    channelIds: form.getAll('channelIds').map(String).filter(Boolean),
    enabled: form.get('enabled') !== 'off',
  };
  for (const name of TIMING_FIELDS) {
    const value = text(form, name);
    if (value !== '') body[name] = numberOrText(value);
  }
  // An emptied "at most" means no limit. The grouping is a list as in Alertmanager's
  // `group_by` ("rule, host"); the contract names an unknown label (`groupBy.1`).
  if (text(form, 'maxRepeats') === '' && form.has('maxRepeats')) body.maxRepeats = null;
  if (form.has('groupBy'))
    body.groupBy = text(form, 'groupBy')
      .split(/[\s,]+/)
      .filter(Boolean);
  return body;
}

/**
 * The form input an API (or contract) issue belongs to: `params.threshold` → `threshold`,
 * `scope.hostIds.1` → `hostIds`, `channelIds.0` → `channelIds`, `scope` → `scope`.
 */
export function ruleFieldOf(path: string): string {
  const parts = path.split('.').filter((part) => !/^\d+$/.test(part));
  if ((parts[0] === 'params' || parts[0] === 'scope') && parts[1]) {
    if (parts[0] === 'params' && parts[1] === 'match') return 'regex';
    return parts[1];
  }
  return parts[0] || 'form';
}

/**
 * PATCH /api/v1/alert-rules/:id from the edit form: the create body without what the form
 * cannot change or does not show (the kind is fixed; enabled and the description have their
 * own controls or none), so saving the form never re-enables a rule or clears a description.
 */
export function ruleChangeFromForm(form: FormData): Record<string, unknown> {
  const { kind: _kind, enabled: _enabled, description: _description, ...change } = ruleBodyFromForm(form);
  return change;
}

/** The form's inputs as a stored rule fills them: text values by input name, checked boxes by group. */
export type RuleFormValues = {
  text: Record<string, string>;
  checked: {
    hostIds: string[];
    groupIds: string[];
    channelIds: string[];
    regex: boolean;
    caseSensitive: boolean;
  };
};

export function ruleFormValues(rule: AlertRule): RuleFormValues {
  const text: Record<string, string> = { name: rule.name, kind: rule.kind, severity: rule.severity };
  for (const name of PARAM_FIELDS[rule.kind]) {
    const value = rule.params[name];
    if (typeof value === 'string' || typeof value === 'number') text[name] = String(value);
  }
  for (const name of TIMING_FIELDS) text[name] = rule[name] === null ? '' : String(rule[name]);
  text.groupBy = rule.groupBy.join(', ');
  text.hostLabels = (rule.scope.hostLabels ?? [])
    .map((match) => (match.value === undefined ? match.key : `${match.key}=${match.value}`))
    .join(', ');
  if (rule.scope.containerName !== undefined) text.containerName = rule.scope.containerName;
  if (rule.scope.containerLabels?.length) text.containerLabels = JSON.stringify(rule.scope.containerLabels);
  return {
    text,
    checked: {
      hostIds: rule.scope.hostIds ?? [],
      groupIds: rule.scope.groupIds ?? [],
      channelIds: rule.channelIds,
      regex: rule.params.match === 'regex',
      caseSensitive: rule.params.caseSensitive === true,
    },
  };
}

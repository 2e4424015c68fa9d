import type { AlertRule } from '@berth/api-contract';
import { ZNewAlertRuleSchema } from '@berth/api-contract';
import { describe, expect, it } from 'vitest';
import {
  parseLabelMatches,
  previewBodyFromForm,
  ruleBodyFromForm,
  ruleChangeFromForm,
  ruleFieldOf,
  ruleFormValues,
} from './rule-form-fields';

const H = '11111111-1111-4111-8111-111111111111';
const G = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe('the rule form', () => {
  it('reads a container metric rule with its scope, channels and timing', () => {
    const body = ruleBodyFromForm(
      form([
        ['name', ' hot web '],
        ['kind', 'container_metric'],
        ['metric', 'cpu_pct'],
        ['op', '>'],
        ['threshold', '80'],
        ['hostIds', H],
        ['hostLabels', 'env=prod, role'],
        ['containerName', 'web-*'],
        ['groupIds', G],
        ['channelIds', C],
        ['forS', '60'],
        ['severity', 'critical'],
      ]),
    );
    expect(body).toEqual({
      name: 'hot web',
      description: '',
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 80 },
      scope: {
        hostIds: [H],
        hostLabels: [{ key: 'env', value: 'prod' }, { key: 'role' }],
        containerName: 'web-*',
        groupIds: [G],
      },
      severity: 'critical',
      channelIds: [C],
      enabled: true,
      forS: 60,
    });
    expect(ZNewAlertRuleSchema.safeParse(body).success).toBe(true);
  });

  it('leaves a threshold that is not a number for the schema to name', () => {
    const body = ruleBodyFromForm(
      form([
        ['name', 'x'],
        ['kind', 'container_metric'],
        ['metric', 'cpu_pct'],
        ['op', '>'],
        ['threshold', 'lots'],
      ]),
    );
    const parsed = ZNewAlertRuleSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => ruleFieldOf(issue.path.join('.')))).toEqual(['threshold']);
  });

  it('host rules ignore container scope inputs; log rules read the regex toggle', () => {
    expect(
      previewBodyFromForm(
        form([
          ['kind', 'host_metric'],
          ['metric', 'disk_pct'],
          ['op', '>='],
          ['threshold', '90'],
          ['containerName', 'web-*'],
        ]),
      ).scope,
    ).toEqual({});
    expect(
      previewBodyFromForm(
        form([
          ['kind', 'log_pattern'],
          ['pattern', 'panic: .*'],
          ['regex', 'on'],
        ]),
      ).params,
    ).toEqual({ pattern: 'panic: .*', match: 'regex', caseSensitive: false });
  });

  it('check rules read the trigger and check name and keep the container scope', () => {
    const body = previewBodyFromForm(
      form([
        ['kind', 'check'],
        ['on', 'cert_expiring'],
        ['checkName', 'api*'],
        ['containerName', 'web-*'],
        ['groupIds', G],
      ]),
    );
    expect(body).toEqual({
      kind: 'check',
      params: { on: 'cert_expiring', checkName: 'api*' },
      scope: { containerName: 'web-*', groupIds: [G] },
    });
    const missing = ZNewAlertRuleSchema.safeParse({
      name: 'x',
      ...previewBodyFromForm(form([['kind', 'check']])),
    });
    expect(missing.error?.issues.map((issue) => ruleFieldOf(issue.path.join('.')))).toEqual(['on']);
  });

  it('update-available rules read the minimum class; an unknown class is named', () => {
    const body = previewBodyFromForm(
      form([
        ['kind', 'image_update'],
        ['minClass', 'patch'],
        ['containerName', 'web-*'],
      ]),
    );
    expect(body).toEqual({
      kind: 'image_update',
      params: { minClass: 'patch' },
      scope: { containerName: 'web-*' },
    });
    const wrong = ZNewAlertRuleSchema.safeParse({
      name: 'x',
      ...previewBodyFromForm(
        form([
          ['kind', 'image_update'],
          ['minClass', 'huge'],
        ]),
      ),
    });
    expect(wrong.error?.issues.map((issue) => [ruleFieldOf(issue.path.join('.')), issue.message])).toEqual([
      ['minClass', 'one of digest, patch, minor, major'],
    ]);
  });

  it('maps API fields to the form inputs', () => {
    expect(ruleFieldOf('params.threshold')).toBe('threshold');
    expect(ruleFieldOf('scope.hostIds.1')).toBe('hostIds');
    expect(ruleFieldOf('channelIds.0')).toBe('channelIds');
    expect(ruleFieldOf('scope')).toBe('scope');
    expect(ruleFieldOf('params.match')).toBe('regex');
    expect(parseLabelMatches('a=1\nb')).toEqual([{ key: 'a', value: '1' }, { key: 'b' }]);
  });

  it('an edited rule fills the form so that saving it unchanged sends the stored rule back, without kind or enabled', () => {
    const rule: AlertRule = {
      id: '44444444-4444-4444-8444-444444444444',
      name: 'noisy logs',
      description: 'kept',
      kind: 'log_pattern',
      params: {
        pattern: 'panic',
        match: 'regex',
        caseSensitive: true,
        stream: 'stderr',
        count: 3,
        windowS: 120,
      },
      scope: {
        hostIds: [H],
        hostLabels: [{ key: 'env', value: 'prod' }, { key: 'role' }],
        containerName: 'api-*',
        containerLabels: [{ key: 'com.example.team', value: 'core' }],
        groupIds: [G],
      },
      severity: 'critical',
      forS: 30,
      keepFiringForS: 60,
      repeatIntervalS: 0,
      maxRepeats: null,
      groupBy: ['rule'],
      groupWaitS: 30,
      groupIntervalS: 300,
      channelIds: [C],
      enabled: false,
      firing: 0,
      pending: 0,
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
    };
    const values = ruleFormValues(rule);
    const entries: [string, string][] = Object.entries(values.text);
    for (const group of ['hostIds', 'groupIds', 'channelIds'] as const)
      for (const id of values.checked[group]) entries.push([group, id]);
    if (values.checked.regex) entries.push(['regex', 'on']);
    if (values.checked.caseSensitive) entries.push(['caseSensitive', 'on']);
    const change = ruleChangeFromForm(form(entries));
    expect(change).toEqual({
      name: rule.name,
      params: rule.params,
      scope: rule.scope,
      severity: 'critical',
      channelIds: [C],
      forS: 30,
      keepFiringForS: 60,
      repeatIntervalS: 0,
      maxRepeats: null,
      groupWaitS: 30,
      groupIntervalS: 300,
      groupBy: ['rule'],
    });
    expect(change).not.toHaveProperty('kind');
    expect(change).not.toHaveProperty('enabled');
    expect(change).not.toHaveProperty('description');
  });

  it('reads the grouping and repeat limits; an unknown grouping label is named by the schema', () => {
    const entries: [string, string][] = [
      ['name', 'died'],
      ['kind', 'container_state'],
      ['event', 'died'],
      ['severity', 'critical'],
      ['groupWaitS', '0'],
      ['groupIntervalS', '60'],
      ['maxRepeats', '3'],
      ['groupBy', ' rule,container '],
    ];
    const body = ruleBodyFromForm(form(entries));
    expect(body).toMatchObject({
      groupWaitS: 0,
      groupIntervalS: 60,
      maxRepeats: 3,
      groupBy: ['rule', 'container'],
    });
    expect(ZNewAlertRuleSchema.safeParse(body).success).toBe(true);
    const notNumber = ZNewAlertRuleSchema.safeParse(
      ruleBodyFromForm(form(entries.map(([name, value]) => [name, name === 'groupWaitS' ? 'soon' : value]))),
    );
    expect(notNumber.success).toBe(false);
    expect(notNumber.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['groupWaitS']);
    // An unknown label is the schema's to name, under its place in the list.
    const unknown = ZNewAlertRuleSchema.safeParse(
      ruleBodyFromForm(
        form(entries.map(([name, value]) => [name, name === 'groupBy' ? 'rule, cluster' : value])),
      ),
    );
    expect(unknown.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['groupBy.1']);
    // Without the grouping input (a form that does not show it), the API's default applies.
    expect(ruleBodyFromForm(form(entries.filter(([name]) => name !== 'groupBy')))).not.toHaveProperty(
      'groupBy',
    );
  });
});

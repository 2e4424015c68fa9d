'use client';

import {
  ALERT_SEVERITIES,
  COMPARATORS,
  CONTAINER_METRICS,
  CONTAINER_RULE_KINDS,
  CONTAINER_STATE_TRIGGERS,
  HOST_METRICS,
  METRIC_LABELS,
  RULE_KIND_LABELS,
  RULE_KINDS,
  type RuleKind,
} from '@berth/api-contract';
import { type FormEvent, useActionState, useState } from 'react';
import { createRuleAction } from '@/app/(console)/alerts/rules/rule-actions';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import uiStyles from '@/components/ui/ui.module.css';
import styles from './alerts.module.css';
import { RulePreview } from './rule-preview';

type Choice = { id: string; name: string };
type RuleFormProps = { hosts: readonly Choice[]; groups: readonly Choice[]; channels: readonly Choice[] };

const options = (values: readonly string[], label: (value: string) => string = (v) => v) =>
  values.map((value) => ({ value, label: label(value) }));
const metricLabel = (metric: string) => METRIC_LABELS[metric as keyof typeof METRIC_LABELS]?.label ?? metric;

function Checks({
  legend,
  name,
  choices,
  error,
}: {
  legend: string;
  name: string;
  choices: readonly Choice[];
  error?: string | undefined;
}) {
  if (choices.length === 0) return null;
  return (
    <fieldset className={styles.checks}>
      <legend className={uiStyles.label}>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.id}>
          <input type="checkbox" name={name} value={choice.id} />
          {choice.name}
        </label>
      ))}
      {error ? <span className={uiStyles.fieldError}>{error}</span> : null}
    </fieldset>
  );
}

/** The fields of one kind's condition (only the chosen kind's are in the form). */
function ConditionFields({
  kind,
  errors,
  detail,
}: {
  kind: RuleKind;
  errors: Record<string, string>;
  detail: string;
}) {
  switch (kind) {
    case 'container_metric':
    case 'host_metric': {
      const metrics = kind === 'container_metric' ? CONTAINER_METRICS : HOST_METRICS;
      return (
        <div className={settings.formRow}>
          <SelectField
            label="Metric"
            name="metric"
            options={options(metrics, metricLabel)}
            error={errors.metric}
          />
          <SelectField label="Comparison" name="op" options={options(COMPARATORS)} error={errors.op} />
          <Field label="Threshold" name="threshold" inputMode="decimal" required error={errors.threshold} />
          {kind === 'container_metric' && detail === 'restarts' ? (
            <Field label="Window (seconds)" name="windowS" defaultValue="600" error={errors.windowS} />
          ) : null}
          {kind === 'host_metric' && detail === 'disk_pct' ? (
            <Field label="Mount" name="mount" placeholder="every mount" error={errors.mount} />
          ) : null}
        </div>
      );
    }
    case 'container_state':
      return (
        <div className={settings.formRow}>
          <SelectField
            label="When the container"
            name="event"
            options={options(CONTAINER_STATE_TRIGGERS, (v) => v.replace('_', ' '))}
            error={errors.event}
          />
          {detail === 'crash_loop' ? (
            <>
              <Field label="Restarts" name="restarts" defaultValue="3" error={errors.restarts} />
              <Field
                label="Within (minutes)"
                name="windowMinutes"
                defaultValue="10"
                error={errors.windowMinutes}
              />
            </>
          ) : null}
        </div>
      );
    case 'host_offline':
      return (
        <Field
          label="Missed heartbeats"
          name="missedIntervals"
          defaultValue="3"
          hint="Heartbeat intervals without word from the agent before the host counts as offline."
          error={errors.missedIntervals}
        />
      );
    case 'agent_outdated':
      return (
        <Field
          label="Minimum agent version"
          name="minVersion"
          placeholder="the version this Berth ships"
          error={errors.minVersion}
        />
      );
    case 'log_pattern':
      return (
        <div className={settings.formRow}>
          <Field label="Pattern" name="pattern" required error={errors.pattern} />
          <fieldset className={styles.checks}>
            <legend className={uiStyles.label}>Matching</legend>
            <label>
              <input type="checkbox" name="regex" /> Regular expression
            </label>
            <label>
              <input type="checkbox" name="caseSensitive" /> Case-sensitive
            </label>
            {errors.regex ? <span className={uiStyles.fieldError}>{errors.regex}</span> : null}
          </fieldset>
          <SelectField
            label="Stream"
            name="stream"
            options={options(['any', 'stdout', 'stderr'])}
            error={errors.stream}
          />
          <Field label="At least (lines)" name="count" defaultValue="1" error={errors.count} />
          <Field label="Within (seconds)" name="windowS" defaultValue="300" error={errors.windowS} />
        </div>
      );
  }
}

/** A new alert rule: the kind's condition, what it watches, how loud, and where it goes. */
export function RuleForm({ hosts, groups, channels }: RuleFormProps) {
  const [state, formAction, pending] = useActionState(createRuleAction, INITIAL_ACTION_STATE);
  const [kind, setKind] = useState<RuleKind>('container_metric');
  const [detail, setDetail] = useState('');
  const [snapshot, setSnapshot] = useState<FormData | null>(null);
  const errors = state.fieldErrors ?? {};
  const forContainers = CONTAINER_RULE_KINDS.includes(kind);
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    setKind(String(data.get('kind') ?? 'container_metric') as RuleKind);
    setDetail(String(data.get('metric') ?? data.get('event') ?? ''));
    setSnapshot(data);
  };
  return (
    <div className={settings.formRow}>
      <form action={formAction} className={settings.form} onChange={onChange} aria-label="New rule">
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
        <div className={settings.formRow}>
          <Field label="Rule name" name="name" required maxLength={200} error={errors.name} />
          <SelectField
            label="Kind"
            name="kind"
            options={options(RULE_KINDS, (v) => RULE_KIND_LABELS[v as RuleKind])}
            error={errors.kind}
          />
        </div>
        <ConditionFields key={kind} kind={kind} errors={errors} detail={detail} />
        <fieldset className={styles.checks} aria-label="Scope">
          <legend className={uiStyles.label}>
            Watches (all that apply; nothing chosen: the whole organisation)
          </legend>
          {errors.scope ? <span className={uiStyles.fieldError}>{errors.scope}</span> : null}
        </fieldset>
        <Checks legend="Hosts" name="hostIds" choices={hosts} error={errors.hostIds} />
        <Field label="Host labels" name="hostLabels" placeholder="env=prod, role" error={errors.hostLabels} />
        {forContainers ? (
          <>
            <Field
              label="Container name"
              name="containerName"
              placeholder="web-* (blank: every container)"
              error={errors.containerName}
            />
            <Checks legend="Groups" name="groupIds" choices={groups} error={errors.groupIds} />
          </>
        ) : null}
        <SelectField
          label="Severity"
          name="severity"
          defaultValue="warning"
          options={options(ALERT_SEVERITIES)}
          error={errors.severity}
        />
        <Checks legend="Send to" name="channelIds" choices={channels} error={errors.channelIds} />
        <details className={styles.advanced}>
          <summary>Advanced timing</summary>
          <div className={settings.formRow}>
            <Field
              label="Pending for (s)"
              name="forS"
              defaultValue="0"
              hint="How long the condition must hold before it fires."
              error={errors.forS}
            />
            <Field
              label="Keep firing for (s)"
              name="keepFiringForS"
              defaultValue="0"
              error={errors.keepFiringForS}
            />
            <Field
              label="Repeat every (s)"
              name="repeatIntervalS"
              defaultValue="14400"
              hint="0: notify once per firing."
              error={errors.repeatIntervalS}
            />
          </div>
        </details>
        <div className={settings.formActions}>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Saving…' : 'Create rule'}
          </Button>
        </div>
      </form>
      <RulePreview form={snapshot} />
    </div>
  );
}

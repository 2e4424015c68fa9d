'use client';

import {
  ALERT_SEVERITIES,
  CHECK_TRIGGER_LABELS,
  CHECK_TRIGGERS,
  type CheckTrigger,
  COMPARATORS,
  CONTAINER_METRICS,
  CONTAINER_RULE_KINDS,
  CONTAINER_STATE_TRIGGERS,
  GROUP_BY_LABELS,
  HOST_METRICS,
  IMAGE_UPDATE_CLASS_LABELS,
  IMAGE_UPDATE_CLASSES,
  type ImageUpdateClass,
  METRIC_LABELS,
  RULE_KIND_LABELS,
  RULE_KINDS,
  type RuleKind,
} from '@berth/api-contract';
import { type FormEvent, useActionState, useEffect, useRef, useState } from 'react';
import { createRuleAction, updateRuleAction } from '@/app/(console)/alerts/rules/rule-actions';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import uiStyles from '@/components/ui/ui.module.css';
import type { AlertRule } from '@/lib/api/alert-rules';
import styles from './alerts.module.css';
import { FORM_GROUP_WAIT_S, type RuleFormValues, ruleFormValues } from './rule-form-fields';
import { RuleHistory } from './rule-history';
import { RulePreview } from './rule-preview';

type Choice = { id: string; name: string };
type RuleFormProps = {
  hosts: readonly Choice[];
  groups: readonly Choice[];
  channels: readonly Choice[];
  /** A stored rule: the form edits it (its kind fixed) instead of creating one. */
  rule?: AlertRule;
};

const NO_VALUES: RuleFormValues = {
  text: {},
  checked: { hostIds: [], groupIds: [], channelIds: [], regex: false, caseSensitive: false },
};

const options = (values: readonly string[], label: (value: string) => string = (v) => v) =>
  values.map((value) => ({ value, label: label(value) }));
const metricLabel = (metric: string) => METRIC_LABELS[metric as keyof typeof METRIC_LABELS]?.label ?? metric;

function Checks({
  legend,
  name,
  choices,
  checked = [],
  error,
}: {
  legend: string;
  name: string;
  choices: readonly Choice[];
  checked?: readonly string[];
  error?: string | undefined;
}) {
  if (choices.length === 0) return null;
  return (
    <fieldset className={styles.checks}>
      <legend className={uiStyles.label}>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.id}>
          <input type="checkbox" name={name} value={choice.id} defaultChecked={checked.includes(choice.id)} />
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
  values,
}: {
  kind: RuleKind;
  errors: Record<string, string>;
  detail: string;
  values: RuleFormValues;
}) {
  const v = values.text;
  switch (kind) {
    case 'container_metric':
    case 'host_metric': {
      const metrics = kind === 'container_metric' ? CONTAINER_METRICS : HOST_METRICS;
      return (
        <div className={settings.formRow}>
          <SelectField
            label="Metric"
            name="metric"
            defaultValue={v.metric}
            options={options(metrics, metricLabel)}
            error={errors.metric}
          />
          <SelectField
            label="Comparison"
            name="op"
            defaultValue={v.op}
            options={options(COMPARATORS)}
            error={errors.op}
          />
          <Field
            label="Threshold"
            name="threshold"
            inputMode="decimal"
            required
            defaultValue={v.threshold}
            error={errors.threshold}
          />
          {kind === 'container_metric' && detail === 'restarts' ? (
            <Field
              label="Window (seconds)"
              name="windowS"
              defaultValue={v.windowS ?? '600'}
              error={errors.windowS}
            />
          ) : null}
          {kind === 'host_metric' && detail === 'disk_pct' ? (
            <Field
              label="Mount"
              name="mount"
              placeholder="every mount"
              defaultValue={v.mount}
              error={errors.mount}
            />
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
            defaultValue={v.event}
            options={options(CONTAINER_STATE_TRIGGERS, (v) => v.replaceAll('_', ' '))}
            error={errors.event}
          />
          {detail === 'crash_loop' ? (
            <Field
              label="Restarts"
              name="restarts"
              defaultValue={v.restarts ?? '3'}
              error={errors.restarts}
            />
          ) : null}
          {detail === 'crash_loop' || detail === 'healing_gave_up' ? (
            <Field
              label="Within (minutes)"
              name="windowMinutes"
              defaultValue={v.windowMinutes ?? '10'}
              hint={
                detail === 'healing_gave_up'
                  ? 'The alert holds this long after auto-restart gave up.'
                  : undefined
              }
              error={errors.windowMinutes}
            />
          ) : null}
        </div>
      );
    case 'host_offline':
      return (
        <Field
          label="Missed heartbeats"
          name="missedIntervals"
          defaultValue={v.missedIntervals ?? '3'}
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
          defaultValue={v.minVersion}
          error={errors.minVersion}
        />
      );
    case 'log_pattern':
      return (
        <div className={settings.formRow}>
          <Field label="Pattern" name="pattern" required defaultValue={v.pattern} error={errors.pattern} />
          <fieldset className={styles.checks}>
            <legend className={uiStyles.label}>Matching</legend>
            <label>
              <input type="checkbox" name="regex" defaultChecked={values.checked.regex} /> Regular expression
            </label>
            <label>
              <input type="checkbox" name="caseSensitive" defaultChecked={values.checked.caseSensitive} />{' '}
              Case-sensitive
            </label>
            {errors.regex ? <span className={uiStyles.fieldError}>{errors.regex}</span> : null}
          </fieldset>
          <SelectField
            label="Stream"
            name="stream"
            defaultValue={v.stream}
            options={options(['any', 'stdout', 'stderr'])}
            error={errors.stream}
          />
          <Field label="At least (lines)" name="count" defaultValue={v.count ?? '1'} error={errors.count} />
          <Field
            label="Within (seconds)"
            name="windowS"
            defaultValue={v.windowS ?? '300'}
            error={errors.windowS}
          />
        </div>
      );
    case 'check':
      return (
        <fieldset className={styles.checks} aria-label="Health check">
          <legend className={uiStyles.label}>Health check (berth.check.* labels)</legend>
          <div className={settings.formRow}>
            <SelectField
              label="When the check"
              name="on"
              defaultValue={v.on}
              options={options(CHECK_TRIGGERS, (value) => CHECK_TRIGGER_LABELS[value as CheckTrigger])}
              hint="Its newest run decides; a check without a run in the last hour is no data, not down."
              error={errors.on}
            />
            <Field
              label="Check name"
              name="checkName"
              placeholder="api* (blank: every check)"
              defaultValue={v.checkName}
              error={errors.checkName}
            />
          </div>
        </fieldset>
      );
    case 'image_update':
      return (
        <SelectField
          label="Fire on"
          name="minClass"
          defaultValue={v.minClass ?? 'digest'}
          options={options(
            IMAGE_UPDATE_CLASSES,
            (value) => IMAGE_UPDATE_CLASS_LABELS[value as ImageUpdateClass],
          )}
          hint="One alert per container whose image the registry has newer; grouped by rule, one message lists them all."
          error={errors.minClass}
        />
      );
  }
}

/**
 * A new alert rule, or a stored one to change: the kind's condition, what it watches, how loud,
 * and where it goes. Editing keeps every label of the create form; only the kind is fixed.
 */
export function RuleForm({ hosts, groups, channels, rule }: RuleFormProps) {
  const [state, formAction, pending] = useActionState(
    rule ? updateRuleAction : createRuleAction,
    INITIAL_ACTION_STATE,
  );
  const values = rule ? ruleFormValues(rule) : NO_VALUES;
  const v = values.text;
  const [kind, setKind] = useState<RuleKind>(rule?.kind ?? 'container_metric');
  const [detail, setDetail] = useState(v.metric ?? v.event ?? '');
  const [snapshot, setSnapshot] = useState<FormData | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const editing = rule !== undefined;
  // A stored rule is complete: preview it at once rather than after the first change.
  useEffect(() => {
    if (editing && formRef.current) setSnapshot(new FormData(formRef.current));
  }, [editing]);
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
      <form
        ref={formRef}
        action={formAction}
        className={settings.form}
        onChange={onChange}
        aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}
      >
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
        {rule ? <input type="hidden" name="ruleId" value={rule.id} /> : null}
        {/* A disabled select is not submitted: the fixed kind travels here. */}
        {rule ? <input type="hidden" name="kind" value={rule.kind} /> : null}
        {v.containerLabels ? <input type="hidden" name="containerLabels" value={v.containerLabels} /> : null}
        <div className={settings.formRow}>
          <Field
            label="Rule name"
            name="name"
            required
            maxLength={200}
            defaultValue={v.name}
            error={errors.name}
          />
          <SelectField
            label="Kind"
            name="kind"
            defaultValue={v.kind}
            disabled={editing}
            hint={editing ? 'A rule keeps its kind: create another rule for another kind.' : undefined}
            options={options(RULE_KINDS, (value) => RULE_KIND_LABELS[value as RuleKind])}
            error={errors.kind}
          />
        </div>
        <ConditionFields key={kind} kind={kind} errors={errors} detail={detail} values={values} />
        <fieldset className={styles.checks} aria-label="Scope">
          <legend className={uiStyles.label}>
            Watches (all that apply; nothing chosen: the whole organisation)
          </legend>
          {errors.scope ? <span className={uiStyles.fieldError}>{errors.scope}</span> : null}
        </fieldset>
        <Checks
          legend="Hosts"
          name="hostIds"
          choices={hosts}
          checked={values.checked.hostIds}
          error={errors.hostIds}
        />
        <Field
          label="Host labels"
          name="hostLabels"
          placeholder="env=prod, role"
          defaultValue={v.hostLabels}
          error={errors.hostLabels}
        />
        {forContainers ? (
          <>
            <Field
              label="Container name"
              name="containerName"
              placeholder="web-* (blank: every container)"
              defaultValue={v.containerName}
              error={errors.containerName}
            />
            <Checks
              legend="Groups"
              name="groupIds"
              choices={groups}
              checked={values.checked.groupIds}
              error={errors.groupIds}
            />
          </>
        ) : null}
        <SelectField
          label="Severity"
          name="severity"
          defaultValue={v.severity ?? 'warning'}
          options={options(ALERT_SEVERITIES)}
          error={errors.severity}
        />
        <Checks
          legend="Send to"
          name="channelIds"
          choices={channels}
          checked={values.checked.channelIds}
          error={errors.channelIds}
        />
        <details className={styles.advanced}>
          <summary>Advanced timing</summary>
          <div className={settings.formRow}>
            <Field
              label="Pending for (s)"
              name="forS"
              defaultValue={v.forS ?? '0'}
              hint="How long the condition must hold before it fires."
              error={errors.forS}
            />
            <Field
              label="Keep firing for (s)"
              name="keepFiringForS"
              defaultValue={v.keepFiringForS ?? '0'}
              error={errors.keepFiringForS}
            />
            <Field
              label="Repeat every (s)"
              name="repeatIntervalS"
              defaultValue={v.repeatIntervalS ?? '14400'}
              hint="0: notify once per firing."
              error={errors.repeatIntervalS}
            />
            <Field
              label="Repeat at most (times)"
              name="maxRepeats"
              defaultValue={v.maxRepeats ?? ''}
              hint="Empty: until it resolves."
              error={errors.maxRepeats}
            />
          </div>
          <div className={settings.formRow}>
            <Field
              label="Group wait (s)"
              name="groupWaitS"
              defaultValue={v.groupWaitS ?? String(FORM_GROUP_WAIT_S)}
              hint="Alerts that start within it go out as one message."
              error={errors.groupWaitS}
            />
            <Field
              label="Group interval (s)"
              name="groupIntervalS"
              defaultValue={v.groupIntervalS ?? '300'}
              hint="How long a group waits before it sends what changed."
              error={errors.groupIntervalS}
            />
          </div>
          <Field
            label="Group alerts by"
            name="groupBy"
            defaultValue={v.groupBy ?? 'rule, host'}
            hint={`Any of ${GROUP_BY_LABELS.join(', ')}. Alerts that share these go out as one message.`}
            error={errors.groupBy}
          />
        </details>
        <div className={settings.formActions}>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Saving…' : rule ? 'Save rule' : 'Create rule'}
          </Button>
        </div>
      </form>
      <RulePreview form={snapshot} />
      <RuleHistory form={snapshot} />
    </div>
  );
}

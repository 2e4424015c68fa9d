'use client';

import { useActionState, useState } from 'react';
import { type ActionState, INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, NumberField, SelectField } from '@/components/ui/field';
import type { CheckDefinition } from '@/lib/api/check-definitions';

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

type CheckDefinitionFormProps = {
  action: Action;
  /** Hidden fields: the container (adding) or the definition's id (editing). */
  hidden: Record<string, string>;
  /** Editing this definition (its name stays); else adding one with a name. */
  definition?: CheckDefinition;
  submitLabel: string;
  /** A suggested target for a new check (the container's first published port, if any). */
  suggestedTarget?: string;
};

/**
 * An HTTP or TCP check: the main fields, and the rest under "Advanced" (the API's defaults
 * pre-filled). The target may use `{{ip}}` and `{{port:N}}` (docs/checks.md).
 */
export function CheckDefinitionForm({
  action,
  hidden,
  definition,
  submitLabel,
  suggestedTarget,
}: CheckDefinitionFormProps) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const spec = definition?.spec;
  const [kind, setKind] = useState<'http' | 'tcp'>(spec?.kind ?? 'http');
  const errors = state.fieldErrors ?? {};
  const idPrefix = definition ? `check-${definition.id}` : 'new-check';
  const http = spec?.http;
  return (
    <form
      key={definition ? 'edit' : (state.notice ?? 'new')}
      action={formAction}
      className={settings.form}
      aria-label={definition ? `Edit check ${definition.name}` : 'Add check'}
    >
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className={settings.formRow}>
        {definition ? null : (
          <Field
            id={`${idPrefix}-name`}
            label="Check name"
            name="name"
            required
            maxLength={63}
            placeholder="health"
            hint="Lowercase letters, digits, - and _."
            error={errors.name}
          />
        )}
        <SelectField
          id={`${idPrefix}-kind`}
          label="Kind"
          name="kind"
          value={kind}
          onChange={(event) => setKind(event.target.value === 'tcp' ? 'tcp' : 'http')}
          options={[
            { value: 'http', label: 'HTTP(S)' },
            { value: 'tcp', label: 'TCP connect' },
          ]}
          error={errors.kind}
        />
        <Field
          id={`${idPrefix}-target`}
          label="Target"
          name="target"
          required
          defaultValue={spec?.target ?? suggestedTarget}
          placeholder={kind === 'http' ? 'http://{{ip}}:{{port:8080}}/health' : '{{ip}}:5432'}
          hint="{{ip}} is the container's address, {{port:N}} its port N."
          error={errors.target ?? errors.spec}
        />
        <NumberField
          id={`${idPrefix}-interval`}
          label="Every (s)"
          name="intervalS"
          defaultValue={spec?.intervalS ?? 30}
          hint="At least 10."
          error={errors.intervalS}
        />
        <NumberField
          id={`${idPrefix}-retries`}
          label="Retries before down"
          name="retries"
          defaultValue={spec?.retries ?? 1}
          error={errors.retries}
        />
      </div>
      <details className={settings.details}>
        <summary>Advanced</summary>
        <div className={settings.formRow}>
          <NumberField
            id={`${idPrefix}-timeout`}
            label="Timeout (ms)"
            name="timeoutMs"
            defaultValue={spec?.timeoutMs ?? 10_000}
            error={errors.timeoutMs}
          />
          {kind === 'http' ? (
            <>
              <SelectField
                id={`${idPrefix}-method`}
                label="Method"
                name="method"
                defaultValue={http?.method ?? 'GET'}
                options={['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'].map((value) => ({ value, label: value }))}
              />
              <NumberField
                id={`${idPrefix}-expect-min`}
                label="Lowest good status"
                name="expectMin"
                defaultValue={http?.expectStatus.min ?? 200}
                error={errors.expectMin}
              />
              <NumberField
                id={`${idPrefix}-expect-max`}
                label="Highest good status"
                name="expectMax"
                defaultValue={http?.expectStatus.max ?? 299}
                error={errors.expectMax}
              />
              <SelectField
                id={`${idPrefix}-keyword-mode`}
                label="Body"
                name="keywordMode"
                defaultValue={http?.keyword?.mode ?? 'contains'}
                options={[
                  { value: 'contains', label: 'contains' },
                  { value: 'absent', label: 'does not contain' },
                  { value: 'regex', label: 'matches regex' },
                ]}
              />
              <Field
                id={`${idPrefix}-keyword`}
                label="Keyword"
                name="keyword"
                defaultValue={http?.keyword?.value ?? ''}
                hint="Optional."
                error={errors.keyword}
              />
              <NumberField
                id={`${idPrefix}-max-latency`}
                label="Slow above (ms)"
                name="maxLatencyMs"
                defaultValue={http?.maxLatencyMs}
                hint="Optional."
                error={errors.maxLatencyMs}
              />
              <NumberField
                id={`${idPrefix}-cert-days`}
                label="Warn days before certificate expiry"
                name="certExpiryWarnDays"
                defaultValue={http?.certExpiryWarnDays ?? 14}
                error={errors.certExpiryWarnDays}
              />
              <label className={settings.inlineLabel}>
                <input
                  type="checkbox"
                  name="followRedirects"
                  defaultChecked={http?.followRedirects ?? true}
                />{' '}
                Follow redirects
              </label>
              <label className={settings.inlineLabel}>
                <input type="checkbox" name="skipTlsVerify" defaultChecked={http?.skipTlsVerify ?? false} />{' '}
                Accept any certificate (self-signed)
              </label>
            </>
          ) : null}
        </div>
      </details>
      <div className={settings.formActions}>
        <Button type="submit" variant={definition ? 'secondary' : 'primary'} disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}

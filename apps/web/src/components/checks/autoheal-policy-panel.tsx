'use client';

import { useActionState } from 'react';
import {
  removeAutohealPolicyAction,
  saveAutohealPolicyAction,
} from '@/app/(console)/checks/autoheal-policy-actions';
import { INITIAL_ACTION_STATE } from '@/components/settings/action-state';
import settings from '@/components/settings/settings.module.css';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { NumberField, SelectField } from '@/components/ui/field';
import { Panel } from '@/components/ui/page-header';
import type { AutohealPolicy } from '@/lib/api/autoheal-policies';
import { RowButton } from './check-definitions-panel';

type AutohealPolicyPanelProps = {
  /** A container (hostId + containerName) or a group (groupId). */
  target: { hostId: string; containerName: string } | { groupId: string };
  /** "this container", "every member of web tier". */
  targetText: string;
  /** The target's policy defined in Berth (at most one), or null. */
  policy: AutohealPolicy | null;
  /** The container's own `berth.autoheal*` labels, which win over any policy set here. */
  labelled?: boolean;
  canWrite: boolean;
};

const MODE_LABELS = {
  'on-failure': 'on-failure: restart after a non-zero exit',
  unhealthy: 'unhealthy: also when Docker health or a Berth check fails',
  off: 'off: never (overrides a group policy)',
} as const;

/** A policy in a line: "on-failure · waits 10 s doubling to 300 s · at most 5 restarts in 1800 s". */
export function describeAutoheal(
  policy: Pick<AutohealPolicy, 'mode' | 'backoffInitialS' | 'backoffCapS' | 'maxAttempts' | 'windowS'>,
): string {
  if (policy.mode === 'off') return 'off';
  return `${policy.mode} · waits ${policy.backoffInitialS} s doubling to ${policy.backoffCapS} s · at most ${policy.maxAttempts} restarts in ${policy.windowS} s`;
}

/**
 * Auto-restart (self-healing, docs/autoheal.md) set in Berth for a container or a group: pushed to
 * the agent with the checks, decided on the host so it works while the host is offline. A
 * container's `berth.autoheal*` labels win, and the panel says so.
 */
export function AutohealPolicyPanel({
  target,
  targetText,
  policy,
  labelled,
  canWrite,
}: AutohealPolicyPanelProps) {
  const [state, formAction, pending] = useActionState(saveAutohealPolicyAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  const hidden: Record<string, string> = policy ? { policyId: policy.id } : { ...target };
  return (
    <Panel title="Auto-restart">
      <p data-testid="autoheal-policy">
        {policy
          ? `Set in Berth for ${targetText}: ${describeAutoheal(policy)}.`
          : `None set in Berth for ${targetText}.`}
        {labelled ? ' Its berth.autoheal labels win over a policy set here.' : null}
      </p>
      {canWrite ? (
        <>
          {/* Keyed by the policy: setting one closes the form, and the line above says what was set. */}
          <details key={policy?.id ?? 'none'} className={settings.details}>
            <summary>{policy ? 'Change auto-restart' : 'Set auto-restart'}</summary>
            <form
              key={state.notice ?? 'policy'}
              action={formAction}
              className={settings.form}
              aria-label="Auto-restart policy"
            >
              {state.error ? <Alert tone="error">{state.error}</Alert> : null}
              {Object.entries(hidden).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <div className={settings.formRow}>
                <SelectField
                  id="autoheal-mode"
                  label="Restart"
                  name="mode"
                  defaultValue={policy?.mode ?? 'on-failure'}
                  options={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))}
                  error={errors.mode}
                />
                <NumberField
                  id="autoheal-initial"
                  label="First wait (s)"
                  name="backoffInitialS"
                  defaultValue={policy?.backoffInitialS ?? 10}
                  error={errors.backoffInitialS}
                />
                <NumberField
                  id="autoheal-cap"
                  label="Longest wait (s)"
                  name="backoffCapS"
                  defaultValue={policy?.backoffCapS ?? 300}
                  error={errors.backoffCapS}
                />
                <NumberField
                  id="autoheal-attempts"
                  label="Attempts"
                  name="maxAttempts"
                  hint="Restarts inside the window; one more failure is a crash loop, and healing stops."
                  defaultValue={policy?.maxAttempts ?? 5}
                  error={errors.maxAttempts}
                />
                <NumberField
                  id="autoheal-window"
                  label="Within (s)"
                  name="windowS"
                  defaultValue={policy?.windowS ?? 1800}
                  error={errors.windowS}
                />
              </div>
              <Button type="submit" disabled={pending}>
                {policy ? 'Save auto-restart' : 'Set auto-restart'}
              </Button>
            </form>
          </details>
          {policy ? (
            <RowButton
              action={removeAutohealPolicyAction}
              fields={{ policyId: policy.id }}
              label="Remove"
              ariaLabel={`Remove the auto-restart policy of ${targetText}`}
            />
          ) : null}
        </>
      ) : null}
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
    </Panel>
  );
}

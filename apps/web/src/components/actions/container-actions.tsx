'use client';

import { type Action, CONTAINER_VERBS, type ContainerState, type ContainerVerb } from '@berth/api-contract';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { StatusBadge } from '@/components/ui/status-badge';
import { requestContainerAction } from '@/lib/api/actions';
import { ApiError } from '@/lib/api/api-error';
import { browserApi } from '@/lib/api/browser-api';
import type { ContainerRef } from '@/lib/api/containers';
import {
  type ActionContext,
  actionsBlockedReason,
  DESTRUCTIVE_VERBS,
  isFinished,
  VERB_LABELS,
  verbAvailability,
} from '@/lib/fleet/action-availability';
import { useTrackedAction } from '@/lib/fleet/use-tracked-action';
import { formatDuration } from '@/lib/format/format-time';
import styles from './actions.module.css';

const CONSEQUENCES: Partial<Record<ContainerVerb, string>> = {
  stop: 'Docker sends SIGTERM, then SIGKILL after 10 seconds. The container stays stopped until started.',
  restart: 'The container stops (SIGTERM, then SIGKILL after 10 seconds) and starts again.',
  kill: 'Docker sends SIGKILL: the processes end at once, without a chance to clean up.',
};

type ContainerActionsProps = {
  container: ContainerRef & { name: string };
  state: ContainerState;
  context: Omit<ActionContext, 'state'>;
};

/**
 * Start, stop, restart, pause, unpause and kill. Destructive verbs ask first; when nothing
 * may run (viewer, read-only agent, revoked host) the buttons are disabled and say why.
 * The result appears when it arrives: from the live stream, or by polling the action.
 */
export function ContainerActions({ container, state, context }: ContainerActionsProps) {
  const [confirming, setConfirming] = useState<ContainerVerb | null>(null);
  const { action, setAction, waiting } = useTrackedAction();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const reasonId = useId();
  const blocked = actionsBlockedReason({ ...context, state });

  async function run(verb: ContainerVerb) {
    setConfirming(null);
    setSending(true);
    setError(null);
    try {
      setAction(await requestContainerAction(browserApi, container, verb));
    } catch (cause) {
      setAction(null);
      setError(
        cause instanceof ApiError || cause instanceof Error ? cause.message : 'The action could not be sent.',
      );
    } finally {
      setSending(false);
    }
  }

  return (
    <section className={styles.bar} aria-label="Actions">
      <div className={styles.buttons}>
        {CONTAINER_VERBS.map((verb) => {
          const availability = verbAvailability(verb, state);
          const disabled = blocked !== null || !availability.enabled || sending || waiting;
          return (
            <Button
              key={verb}
              size="small"
              variant={verb === 'kill' ? 'danger' : 'secondary'}
              disabled={disabled}
              aria-describedby={blocked ? reasonId : undefined}
              title={blocked ?? availability.reason}
              onClick={() => (DESTRUCTIVE_VERBS.has(verb) ? setConfirming(verb) : run(verb))}
            >
              {VERB_LABELS[verb]}
            </Button>
          );
        })}
      </div>
      {blocked ? (
        <p id={reasonId} className={styles.reason}>
          {blocked}
        </p>
      ) : null}
      <div aria-live="polite">
        {error ? (
          <p className={styles.result} role="alert">
            Could not send: {error}
          </p>
        ) : null}
        {action ? <ActionResult action={action} /> : null}
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? `${VERB_LABELS[confirming]} ${container.name}?` : ''}
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && run(confirming)}
        danger
      >
        {confirming ? CONSEQUENCES[confirming] : null}
      </ConfirmDialog>
    </section>
  );
}

export function ActionResult({ action }: { action: Action }) {
  const verb = VERB_LABELS[action.verb as ContainerVerb] ?? action.verb;
  return (
    <div>
      <p className={styles.result}>
        {verb}: <StatusBadge status={action.status} />
        {isFinished(action.status) && action.durationMs !== null
          ? ` in ${formatDuration(action.durationMs)}`
          : ''}
        {isFinished(action.status) ? '' : ' — waiting for the agent…'}
      </p>
      {action.output ? <pre className={styles.output}>{action.output}</pre> : null}
    </div>
  );
}

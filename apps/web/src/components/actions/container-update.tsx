'use client';

import type { ResolvedUpdatePolicy } from '@berth/api-contract';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { StatusBadge } from '@/components/ui/status-badge';
import { browserApi } from '@/lib/api/browser-api';
import type { ContainerRef } from '@/lib/api/containers';
import { requestContainerUpdate } from '@/lib/api/updates';
import { type ActionContext, actionsBlockedReason, isFinished } from '@/lib/fleet/action-availability';
import { useTrackedAction } from '@/lib/fleet/use-tracked-action';
import styles from './actions.module.css';
import { UpdateProgress, useUpdateProgress, wasRolledBack } from './update-progress';

type ContainerUpdateProps = {
  container: ContainerRef & { name: string; image: string };
  context: ActionContext;
  /**
   * The policy as the page resolved it on the server (null: it could not be read). A prop, not a
   * fetch of its own: when an admin changes a rule on the same page, the page refreshes and this
   * line follows at once.
   */
  policy: ResolvedUpdatePolicy | null;
};

/**
 * "Update": pulls the image again (or another tag) and recreates the container with the same
 * settings; the agent rolls back if the new one does not become healthy. The update policy is
 * shown before anything is sent: `block` disables the button with its reason, `warn` asks for
 * confirmation naming the rule. Progress (stage and percent) comes live from the agent.
 */
export function ContainerUpdate({ container, context, policy }: ContainerUpdateProps) {
  const [tag, setTag] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const { action, setAction, waiting } = useTrackedAction();
  const tagId = useId();
  const blocked = actionsBlockedReason(context);
  const ref = { hostId: container.hostId, containerId: container.containerId };

  const progress = useUpdateProgress(action?.id, waiting);

  const refusal = blocked ?? (policy?.policy === 'block' ? `Updates are blocked by ${policy.reason}.` : null);
  const disabled = refusal !== null || sending || waiting;

  async function send() {
    setConfirming(false);
    setSending(true);
    setError(null);
    try {
      const trimmed = tag.trim();
      const response = await requestContainerUpdate(browserApi, ref, {
        ...(trimmed ? { tag: trimmed } : {}),
        confirm: policy?.policy === 'warn',
      });
      setAction(response.action);
    } catch (cause) {
      setAction(null);
      setError(cause instanceof Error ? cause.message : 'The update could not be sent.');
    } finally {
      setSending(false);
    }
  }

  return (
    <section className={styles.bar} aria-label="Image update">
      <div className={styles.buttons}>
        <label htmlFor={tagId} className={styles.reason}>
          Tag (empty: pull {container.image} again)
        </label>
        <input
          id={tagId}
          className={styles.tag}
          value={tag}
          placeholder="same tag"
          onChange={(event) => setTag(event.target.value)}
          disabled={disabled}
        />
        <Button
          size="small"
          variant="secondary"
          disabled={disabled}
          title={refusal ?? undefined}
          onClick={() => setConfirming(true)}
        >
          Update
        </Button>
      </div>
      {policy ? (
        <p className={styles.reason}>
          Update policy: <strong>{policy.policy}</strong> — {policy.reason}
        </p>
      ) : null}
      {refusal && refusal !== blocked ? <p className={styles.reason}>{refusal}</p> : null}
      <div aria-live="polite">
        {error ? (
          <p className={styles.result} role="alert">
            Could not update: {error}
          </p>
        ) : null}
        {action && waiting && progress ? <UpdateProgress progress={progress} /> : null}
        {action ? (
          <div>
            <p className={styles.result}>
              Update: <StatusBadge status={action.status} />
              {isFinished(action.status) ? '' : ' — waiting for the agent…'}
              {wasRolledBack(action) ? ' — rolled back to the previous container' : ''}
            </p>
            {action.output ? <pre className={styles.output}>{action.output}</pre> : null}
          </div>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Update ${container.name}?`}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void send()}
        confirmLabel="Update"
        danger={policy?.policy === 'warn'}
      >
        {policy?.policy === 'warn' ? (
          <p role="alert">Warning: {policy.reason} asks for confirmation.</p>
        ) : null}
        <p>
          The agent pulls {tag.trim() ? `the tag ${tag.trim()}` : container.image}, stops {container.name},
          and starts a new container with the same settings. If the new one does not become healthy, the old
          one runs again.
        </p>
      </ConfirmDialog>
    </section>
  );
}

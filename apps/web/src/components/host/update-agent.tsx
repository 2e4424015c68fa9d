'use client';

import type { Host } from '@berth/api-contract';
import { useState } from 'react';
import styles from '@/components/actions/actions.module.css';
import { ActionResult } from '@/components/actions/container-actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { requestAgentUpdate } from '@/lib/api/actions';
import { ApiError } from '@/lib/api/api-error';
import { browserApi } from '@/lib/api/browser-api';
import { useTrackedAction } from '@/lib/fleet/use-tracked-action';

/**
 * "Update agent" for an outdated agent, for owners and admins (the API refuses others and
 * says why, e.g. a read-only agent or one not installed by install.sh). The agent reports
 * the result, then restarts on the new version.
 */
export function UpdateAgent({ host, role }: { host: Host; role: string | null }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { action, setAction, waiting } = useTrackedAction();
  if (!host.agentUpdateAvailable || (role !== 'owner' && role !== 'admin')) return null;

  async function update() {
    setConfirming(false);
    setError(null);
    try {
      setAction(await requestAgentUpdate(browserApi, host.id));
    } catch (cause) {
      setError(
        cause instanceof ApiError || cause instanceof Error ? cause.message : 'The update was not sent.',
      );
    }
  }

  return (
    <section className={styles.bar} aria-label="Agent update">
      <div className={styles.buttons}>
        <Button size="small" disabled={waiting} onClick={() => setConfirming(true)}>
          Update agent to {host.latestAgentVersion}
        </Button>
      </div>
      <div aria-live="polite">
        {error ? (
          <p className={styles.result} role="alert">
            Could not update: {error}
          </p>
        ) : null}
        {action ? <ActionResult action={action} /> : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Update the agent on ${host.name}?`}
        onCancel={() => setConfirming(false)}
        onConfirm={update}
      >
        The agent installs {host.latestAgentVersion}, reports the result and restarts: the host is offline for
        a few seconds. Containers keep running.
      </ConfirmDialog>
    </section>
  );
}

'use client';

import type { BulkUpdateResult } from '@berth/api-contract';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { browserApi } from '@/lib/api/browser-api';
import { applyBulkUpdates } from '@/lib/api/updates';
import { type BulkCandidate, candidateKey, SelectAllowedButton, useBulkSelection } from './bulk-selection';
import { BulkUpdateResults } from './bulk-update-results';
import styles from './updates.module.css';

/**
 * "Update selected": asks first (naming every `warn` container and its rule, which the request
 * then confirms), sends one bulk apply, and follows each dispatched update live.
 */
export function BulkApplyBar() {
  const { candidates, selected, clear } = useBulkSelection();
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ results: BulkUpdateResult[]; names: Map<string, BulkCandidate> } | null>(
    null,
  );
  const chosen = candidates.filter((c) => selected.has(candidateKey(c)));
  const warned = chosen.filter((c) => c.policy === 'warn');

  async function send() {
    setConfirming(false);
    setSending(true);
    setError(null);
    try {
      const response = await applyBulkUpdates(browserApi, {
        items: chosen.map((c) => ({
          hostId: c.hostId,
          containerId: c.containerId,
          ...(c.policy === 'warn' ? { confirm: true } : {}),
        })),
      });
      setSent({ results: response.items, names: new Map(chosen.map((c) => [candidateKey(c), c])) });
      clear();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The updates could not be sent.');
    } finally {
      setSending(false);
    }
  }

  return (
    <section aria-label="Bulk update" className={styles.bulk}>
      <div className={styles.bulkButtons}>
        <SelectAllowedButton />
        <Button size="small" disabled={chosen.length === 0 || sending} onClick={() => setConfirming(true)}>
          {sending ? 'Sending…' : `Update selected (${chosen.length})`}
        </Button>
        {chosen.length > 0 ? (
          <Button size="small" variant="secondary" onClick={clear}>
            Clear selection
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className={styles.refusal}>
          Could not update: {error}
        </p>
      ) : null}
      {sent ? <BulkUpdateResults results={sent.results} names={sent.names} /> : null}
      <ConfirmDialog
        open={confirming}
        title={`Update ${chosen.length} ${chosen.length === 1 ? 'container' : 'containers'}?`}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void send()}
        confirmLabel="Update"
        danger={warned.length > 0}
      >
        <p>
          Each agent pulls the container's image again and recreates it with the same settings; a container
          that does not become healthy is rolled back. All are sent at once.
        </p>
        <ul>
          {chosen.map((c) => (
            <li key={candidateKey(c)}>
              {c.name} on {c.hostName} ({c.image})
            </li>
          ))}
        </ul>
        {warned.length > 0 ? (
          <div role="alert">
            <p>These ask for confirmation:</p>
            <ul>
              {warned.map((c) => (
                <li key={candidateKey(c)}>
                  {c.name} on {c.hostName}: {c.policyReason}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

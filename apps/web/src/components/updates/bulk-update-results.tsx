'use client';

import type { Action, BulkUpdateResult } from '@berth/api-contract';
import actionStyles from '@/components/actions/actions.module.css';
import { UpdateProgress, useUpdateProgress, wasRolledBack } from '@/components/actions/update-progress';
import { StatusBadge } from '@/components/ui/status-badge';
import { isFinished } from '@/lib/fleet/action-availability';
import { useTrackedAction } from '@/lib/fleet/use-tracked-action';
import { type BulkCandidate, candidateKey } from './bulk-selection';
import styles from './updates.module.css';

/** Each item of a bulk apply: refused with why, or its update's live stage and result. */
export function BulkUpdateResults({
  results,
  names,
}: {
  results: readonly BulkUpdateResult[];
  names: ReadonlyMap<string, BulkCandidate>;
}) {
  return (
    <ul aria-label="Bulk update results" className={styles.results}>
      {results.map((result) => {
        const key = candidateKey(result);
        const candidate = names.get(key);
        const label = candidate ? `${candidate.name} on ${candidate.hostName}` : key;
        return (
          <li key={key} aria-label={`Update of ${label}`}>
            <strong>{label}</strong>:{' '}
            {result.outcome === 'refused' ? (
              <span className={styles.refusal}>not sent — {result.message}</span>
            ) : (
              <TrackedUpdate action={result.action} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

function TrackedUpdate({ action: requested }: { action: Action }) {
  const { action, waiting } = useTrackedAction(requested);
  const progress = useUpdateProgress(requested.id, waiting);
  const current = action ?? requested;
  return (
    <>
      <StatusBadge status={current.status} />
      {isFinished(current.status) ? '' : ' — waiting for the agent…'}
      {wasRolledBack(current) ? ' — rolled back to the previous container' : ''}
      {waiting && progress ? <UpdateProgress progress={progress} /> : null}
      {current.output ? <pre className={actionStyles.output}>{current.output}</pre> : null}
    </>
  );
}

'use client';

import type { Action, UpdateStage } from '@berth/api-contract';
import { useState } from 'react';
import { useLiveEvents } from '@/lib/api/live-stream';
import { UPDATE_STAGE_LABELS } from '@/lib/fleet/update-stages';
import styles from './actions.module.css';

export type UpdateProgressState = { stage: UpdateStage; percent: number | null };

/**
 * The agent's latest stage and percent of one container update, from the `action.progress`
 * live events (relayed, not stored: null until the first one arrives).
 */
export function useUpdateProgress(
  actionId: string | undefined,
  enabled: boolean,
): UpdateProgressState | null {
  const [progress, setProgress] = useState<(UpdateProgressState & { actionId: string }) | null>(null);
  useLiveEvents(
    (event) => {
      if (event.type !== 'action.progress' || event.actionId !== actionId) return;
      setProgress({ actionId: event.actionId, stage: event.stage, percent: event.percent });
    },
    enabled && actionId !== undefined,
  );
  // A new action starts with no progress of its own.
  return progress && progress.actionId === actionId
    ? { stage: progress.stage, percent: progress.percent }
    : null;
}

/** "Pulling the image — 40 %" with a progress bar. */
export function UpdateProgress({ progress }: { progress: UpdateProgressState }) {
  return (
    <p className={styles.result} data-testid="update-progress">
      {UPDATE_STAGE_LABELS[progress.stage]}
      {progress.percent !== null ? ` — ${progress.percent} %` : '…'}{' '}
      {progress.percent !== null ? (
        <progress max={100} value={progress.percent} aria-label={UPDATE_STAGE_LABELS[progress.stage]} />
      ) : null}
    </p>
  );
}

/** The agent's account of a failed update says whether the old container was put back. */
export function wasRolledBack(action: Pick<Action, 'status' | 'output'>): boolean {
  return action.status !== 'succeeded' && /; rolled back: /.test(action.output ?? '');
}

import type { ActionProgressFrame, UpdateStage } from '@berth/protocol';

/** At most this often within one stage: a pull's lines come by the hundred per second. */
const MIN_INTERVAL_MS = 250;

export type ProgressReporter = (stage: UpdateStage, percent?: number | null, detail?: string) => void;

/**
 * Sends the action's steps as `action_progress` frames: every change of stage at once, and the
 * percent within a stage only when it moved and not more often than every 250 ms.
 */
export function progressReporter(
  actionId: string,
  send: ((frame: ActionProgressFrame) => void) | undefined,
  now: () => number = Date.now,
): ProgressReporter {
  let last: { stage: UpdateStage; percent: number | null; at: number } | null = null;
  return (stage, percent = null, detail) => {
    if (!send) return;
    const at = now();
    if (last && last.stage === stage && (last.percent === percent || at - last.at < MIN_INTERVAL_MS)) return;
    last = { stage, percent, at };
    send({
      type: 'action_progress',
      id: actionId,
      stage,
      percent,
      ...(detail ? { detail: detail.slice(0, 200) } : {}),
    });
  };
}

import type { ActionProgressFrame, UpdateStage } from '@berth/protocol';

/** At most this often within one stage: a pull's lines come by the hundred per second. */
const MIN_INTERVAL_MS = 250;

export type ProgressReporter = (stage: UpdateStage, percent?: number | null, detail?: string) => void;

/**
 * Sends the action's steps as `action_progress` frames: every change of stage at once, and the
 * percent within a stage only when it moved and not more often than every 250 ms — but 100 %
 * always, at once: a pull quicker than the interval must still be seen to finish.
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
    const throttled = at - (last?.at ?? 0) < MIN_INTERVAL_MS && percent !== 100;
    if (last && last.stage === stage && (last.percent === percent || throttled)) return;
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

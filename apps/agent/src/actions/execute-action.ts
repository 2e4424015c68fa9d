import { type ActionFrame, type ActionResultFrame, boundText, LIMITS } from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import type { ActionJournal } from './action-journal.js';
import { ACTION_HANDLERS, type ActionDeps, describeDockerError } from './registry.js';

export type ExecutorDeps = ActionDeps & {
  journal: ActionJournal;
  readOnly: boolean;
  /** The gateway's clock (from welcome.serverTime), so deadlines hold despite local skew. */
  serverNow: () => number;
  send: (frame: ActionResultFrame) => void;
  logger: Logger;
};

/** No verb may run longer than this, whatever its deadline says. */
const MAX_RUN_MS = 10 * 60_000;

/**
 * Runs one action at most once: a redelivery gets the kept result again; refused if past its
 * deadline, unknown, or the agent is read-only; otherwise reported running, run with a
 * timeout (the deadline), and reported with a bounded output, which the journal keeps.
 */
export async function executeAction(frame: ActionFrame, deps: ExecutorDeps): Promise<void> {
  const result = (status: ActionResultFrame['status'], output: string, startedAt?: string): void => {
    const sent: ActionResultFrame = {
      type: 'action_result',
      id: frame.id,
      status,
      output: boundText(output, LIMITS.maxActionOutputBytes),
      ...(startedAt ? { startedAt, finishedAt: new Date(deps.serverNow()).toISOString() } : {}),
    };
    deps.send(sent);
    if (status !== 'running') {
      deps.journal
        .finish({ ...sent, status })
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, actionId: frame.id }, 'action result not kept in the journal'),
        );
    }
  };
  if (deps.journal.has(frame.id)) return answerRedelivery(frame, deps);
  running.add(frame.id);
  try {
    await deps.journal.start(frame.id);
    await run(frame, deps, result);
  } finally {
    running.delete(frame.id);
    // The kept result is on disk before the action counts as handled.
    await deps.journal.settled();
  }
}

/** Ids running in this process: a redelivery of one of them waits for its result. */
const running = new Set<string>();

/**
 * A redelivered action is never run again. Its kept result is sent again (the first one was
 * most likely lost with its socket); one that started before this agent restarted and never
 * finished gets `failed`, since whether it took effect is unknown.
 */
function answerRedelivery(frame: ActionFrame, deps: ExecutorDeps): void {
  const kept = deps.journal.resultOf(frame.id);
  deps.logger.info(
    { actionId: frame.id, resent: kept?.status ?? null },
    'action delivered again: already handled, not run twice',
  );
  if (kept) {
    deps.send(kept);
  } else if (!running.has(frame.id)) {
    deps.send({
      type: 'action_result',
      id: frame.id,
      status: 'failed',
      output: 'the agent stopped while running this action; whether it took effect is unknown',
    });
  }
}

async function run(
  frame: ActionFrame,
  deps: ExecutorDeps,
  result: (status: ActionResultFrame['status'], output: string, startedAt?: string) => void,
): Promise<void> {
  const remainingMs = Date.parse(frame.deadline) - deps.serverNow();
  if (remainingMs <= 0) return result('timed_out', 'deadline passed before the agent could start it');
  if (deps.readOnly)
    return result('rejected', 'this agent runs read-only: actions are disabled on this host');
  const handler = ACTION_HANDLERS[frame.verb];
  if (!handler) return result('rejected', `verb "${frame.verb}" is not supported by this agent`);

  const startedAt = new Date(deps.serverNow()).toISOString();
  result('running', '');
  deps.logger.info({ actionId: frame.id, verb: frame.verb, target: frame.target }, 'running action');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.min(remainingMs, MAX_RUN_MS));
  });
  let afterReport: (() => Promise<void>) | undefined;
  try {
    const outcome = await Promise.race([handler(frame, deps), timeout]);
    if (outcome === 'timeout') return result('timed_out', 'did not finish before the deadline', startedAt);
    if (typeof outcome === 'string') return result('succeeded', outcome, startedAt);
    afterReport = outcome.afterReport;
    result('succeeded', outcome.output, startedAt);
  } catch (error) {
    const described = describeDockerError(error);
    return result(described.ok ? 'succeeded' : 'failed', described.message, startedAt);
  } finally {
    clearTimeout(timer);
  }
  // After the result went out and is kept: an update ends this agent here, so both come first.
  await deps.journal.settled();
  await afterReport().catch((error: unknown) =>
    deps.logger.error({ err: error, actionId: frame.id }, 'the step after the action result failed'),
  );
}

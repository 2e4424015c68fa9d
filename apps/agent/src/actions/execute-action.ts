import { type ActionFrame, type ActionResultFrame, boundText, LIMITS } from '@berth/protocol';
import type { Logger } from 'pino';
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
 * Runs one action at most once: refused if already seen, past its deadline, unknown, or
 * the agent is read-only; otherwise reported running, run with a timeout (the deadline),
 * and reported with a bounded output.
 */
export async function executeAction(frame: ActionFrame, deps: ExecutorDeps): Promise<void> {
  const result = (status: ActionResultFrame['status'], output: string, startedAt?: string): void => {
    deps.send({
      type: 'action_result',
      id: frame.id,
      status,
      output: boundText(output, LIMITS.maxActionOutputBytes),
      ...(startedAt ? { startedAt, finishedAt: new Date(deps.serverNow()).toISOString() } : {}),
    });
  };
  if (deps.journal.has(frame.id)) {
    deps.logger.info({ actionId: frame.id }, 'action delivered again: already handled, not run twice');
    return;
  }
  await deps.journal.add(frame.id);
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
  try {
    const outcome = await Promise.race([handler(frame, deps), timeout]);
    if (outcome === 'timeout') return result('timed_out', 'did not finish before the deadline', startedAt);
    return result('succeeded', outcome, startedAt);
  } catch (error) {
    const described = describeDockerError(error);
    return result(described.ok ? 'succeeded' : 'failed', described.message, startedAt);
  } finally {
    clearTimeout(timer);
  }
}

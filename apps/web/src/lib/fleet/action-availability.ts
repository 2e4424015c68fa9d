import { type ContainerState, type ContainerVerb, TERMINAL_ACTION_STATUSES } from '@berth/api-contract';

const TERMINAL: readonly string[] = TERMINAL_ACTION_STATUSES;

/** Verbs that stop or interrupt work: they ask for confirmation first. */
export const DESTRUCTIVE_VERBS: ReadonlySet<ContainerVerb> = new Set(['stop', 'restart', 'kill']);

export const VERB_LABELS: Record<ContainerVerb, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  unpause: 'Unpause',
  kill: 'Kill',
};

/** States in which a verb makes sense (Docker refuses or no-ops the rest). */
const VALID_IN: Record<ContainerVerb, readonly ContainerState[]> = {
  start: ['created', 'exited', 'dead'],
  stop: ['running', 'restarting', 'paused'],
  restart: ['running', 'exited', 'created', 'restarting', 'paused', 'dead'],
  pause: ['running'],
  unpause: ['paused'],
  kill: ['running', 'restarting', 'paused'],
};

export type ActionContext = {
  role: string | null;
  /** The host's agent capabilities (`actions`, `read_only`, …). */
  capabilities: readonly string[];
  hostRevoked: boolean;
  removed: boolean;
  state: ContainerState;
};

/**
 * Why no action can run at all (shown once next to the disabled buttons), or null. The API
 * enforces the same: operators and up may act; a read-only agent refuses.
 */
export function actionsBlockedReason(context: ActionContext): string | null {
  if (context.role !== 'owner' && context.role !== 'admin' && context.role !== 'operator') {
    return 'Viewers cannot run actions: ask an operator or admin of this organisation.';
  }
  if (context.hostRevoked) return 'This host was revoked: its agent no longer takes actions.';
  if (context.removed) return 'This container was removed.';
  if (context.capabilities.includes('read_only')) {
    return 'The agent on this host runs read-only (--read-only): it does not run actions.';
  }
  if (!context.capabilities.includes('actions')) return 'The agent on this host does not support actions.';
  return null;
}

/** Whether a verb applies to the container's state, with the reason when it does not. */
export function verbAvailability(
  verb: ContainerVerb,
  state: ContainerState,
): { enabled: boolean; reason?: string } {
  if (VALID_IN[verb].includes(state)) return { enabled: true };
  return { enabled: false, reason: `Not available while the container is ${state}.` };
}

/** Terminal action statuses: the result has arrived. */
export function isFinished(status: string): boolean {
  return TERMINAL.includes(status);
}

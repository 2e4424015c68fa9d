import type { ActionFrame, ActionProgressFrame, ActionVerb } from '@berth/protocol';
import type { NamedCheck } from '../checks/label-checks.js';
import { type DockerEngine, type EngineContainer, EngineError } from '../collectors/index.js';
import { updateContainer } from './container-update/update-container.js';
import { type SelfUpdateDeps, type UpdateOutcome, updateAgent } from './self-update/update-agent.js';

export type ActionDeps = {
  docker: DockerEngine;
  refreshInventory: () => Promise<void>;
  /** For `update`; absent where the agent does not update itself (embedded mode, tests). */
  selfUpdate?: SelfUpdateDeps | undefined;
  /** Sends a long action's steps (`container.update`); absent, no progress is reported. */
  reportProgress?: ((frame: ActionProgressFrame) => void) | undefined;
  /** `container.update` without a health check: how long the new container must stay up (default 10 s). */
  updateSettleMs?: number | undefined;
  /** `container.update`: the Berth checks that run on a container (by name); the new one must pass them too. */
  containerChecks?: ((containerName: string) => readonly NamedCheck[]) | undefined;
};

/** A short human-readable result, or one with a step to take once it has been reported. */
type Handler = (frame: ActionFrame, deps: ActionDeps) => Promise<string | UpdateOutcome>;

function container(frame: ActionFrame, deps: ActionDeps): EngineContainer {
  const id = frame.target.containerId;
  // The protocol schema already requires a container for these verbs.
  if (!id) throw new Error(`${frame.verb} needs a container`);
  return deps.docker.container(id);
}

/**
 * The verbs an agent runs, and nothing else: an unknown verb is rejected, never guessed.
 * Each handler returns a short human-readable result.
 */
export const ACTION_HANDLERS: Partial<Record<ActionVerb, Handler>> = {
  start: async (frame, deps) => {
    await container(frame, deps).start();
    return 'started';
  },
  stop: async (frame, deps) => {
    await container(frame, deps).stop(frame.params.timeoutS ?? 10);
    return 'stopped';
  },
  restart: async (frame, deps) => {
    await container(frame, deps).restart(frame.params.timeoutS ?? 10);
    return 'restarted';
  },
  pause: async (frame, deps) => {
    await container(frame, deps).pause();
    return 'paused';
  },
  unpause: async (frame, deps) => {
    await container(frame, deps).unpause();
    return 'unpaused';
  },
  kill: async (frame, deps) => {
    const signal = frame.params.signal ?? 'SIGKILL';
    await container(frame, deps).kill(signal);
    return `sent ${signal}`;
  },
  refresh: async (_frame, deps) => {
    await deps.refreshInventory();
    return 'inventory refreshed';
  },
  ping: async () => 'pong',
  update: updateAgent,
  'container.update': updateContainer,
};

/** Docker's "already in that state" answers (304) are successes for an operator. */
export function describeDockerError(error: unknown): { ok: boolean; message: string } {
  if (!(error instanceof EngineError))
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  if (error.statusCode === 304) return { ok: true, message: 'already in that state' };
  return { ok: false, message: `docker ${error.statusCode}: ${error.engineMessage}` };
}

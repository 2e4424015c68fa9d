import { type ActionFrame, compareSemver } from '@berth/protocol';
import type { DockerEngine } from '../../collectors/index.js';
import { prepareContainerUpdate } from './prepare-container-update.js';
import { replaceExecutable } from './replace-executable.js';
import { type RunningExecutable, runningExecutable } from './running-executable.js';

export type SelfUpdateDeps = {
  /** How install.sh installed this agent; unset: it cannot update itself. */
  installMode: 'native' | 'docker' | undefined;
  currentVersion: string;
  /** `welcome.currentAgentVersion` of the current connection. */
  targetVersion: () => string | null;
  /** The script main.ts was started as; the compiled agent replaces `executable` instead. */
  bundlePath: string;
  /** Native: where the replacement executable is downloaded from. */
  downloadUrl: string;
  /** The compiled agent this is (default: this process's, none under Node.js). */
  executable?: RunningExecutable | undefined;
  /** Native: ends this process so its supervisor starts the new bundle. */
  restart: () => Promise<void>;
};

/** A result, and what to do once it has been reported (the agent's own end). */
export type UpdateOutcome = { output: string; afterReport: () => Promise<void> };

/**
 * The `update` verb: to the version the gateway announced, by replacing the executable (native) or
 * recreating the container from the new image (docker). Everything that can fail runs before the
 * result is reported; a failure throws and leaves this agent as it was.
 */
export async function updateAgent(
  _frame: ActionFrame,
  deps: { docker: DockerEngine; selfUpdate?: SelfUpdateDeps | undefined },
): Promise<UpdateOutcome> {
  const update = deps.selfUpdate;
  if (!update?.installMode) {
    throw new Error(
      'this agent cannot update itself: it was not installed by install.sh (no --install-mode)',
    );
  }
  const target = update.targetVersion();
  if (!target) throw new Error('the gateway has not announced the current agent version');
  const from = update.currentVersion;
  if (compareSemver(from, target) !== -1) {
    throw new Error(`already on berth-agent ${from} (the current release is ${target}): nothing to update`);
  }
  if (update.installMode === 'native') {
    const executable = 'executable' in update ? update.executable : runningExecutable();
    if (!executable) {
      throw new Error(
        `this agent runs on Node.js (${update.bundlePath}), not as the berth-agent executable: nothing to replace; run install.sh --mode native again to install the executable`,
      );
    }
    await replaceExecutable({
      executablePath: executable.path,
      baseUrl: update.downloadUrl,
      name: `berth-agent-${executable.target}`,
      expectedVersion: target,
    });
    return {
      output: `updated berth-agent ${from} → ${target} (${executable.path}; the old one is kept as .prev); restarting`,
      afterReport: update.restart,
    };
  }
  const plan = await prepareContainerUpdate(deps.docker, target);
  return {
    output: `updating berth-agent ${from} → ${target}: recreating the container ${plan.container} from ${plan.image}`,
    afterReport: plan.startHelper,
  };
}

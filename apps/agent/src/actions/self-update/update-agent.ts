import { type ActionFrame, compareSemver } from '@berth/protocol';
import type { DockerEngine } from '../../collectors/index.js';
import { prepareContainerUpdate } from './prepare-container-update.js';
import { replaceBundle } from './replace-bundle.js';

export type SelfUpdateDeps = {
  /** How install.sh installed this agent; unset: it cannot update itself. */
  installMode: 'native' | 'docker' | undefined;
  currentVersion: string;
  /** `welcome.currentAgentVersion` of the current connection. */
  targetVersion: () => string | null;
  /** Native: the running bundle and where its replacement is downloaded from. */
  bundlePath: string;
  downloadUrl: string;
  /** Native: ends this process so its supervisor starts the new bundle. */
  restart: () => Promise<void>;
};

/** A result, and what to do once it has been reported (the agent's own end). */
export type UpdateOutcome = { output: string; afterReport: () => Promise<void> };

/**
 * The `update` verb: to the version the gateway announced, by replacing the bundle (native) or
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
    if (!update.bundlePath.endsWith('.mjs')) {
      throw new Error(
        `this agent does not run from its single-file bundle (${update.bundlePath}): nothing to replace`,
      );
    }
    await replaceBundle({
      bundlePath: update.bundlePath,
      baseUrl: update.downloadUrl,
      expectedVersion: target,
    });
    return {
      output: `updated berth-agent ${from} → ${target} (${update.bundlePath}; the old one is kept as .prev); restarting`,
      afterReport: update.restart,
    };
  }
  const plan = await prepareContainerUpdate(deps.docker, target);
  return {
    output: `updating berth-agent ${from} → ${target}: recreating the container ${plan.container} from ${plan.image}`,
    afterReport: plan.startHelper,
  };
}

import type { ActionFrame } from '@berth/protocol';
import {
  type DockerEngine,
  type EngineContainer,
  engineStatusCode,
  splitImageReference,
} from '../../collectors/index.js';
import type { ActionDeps } from '../registry.js';
import { type InspectedContainer, planReplacement } from '../self-update/plan-replacement.js';
import { PullProgress } from './pull-progress.js';
import { type ProgressReporter, progressReporter } from './report-progress.js';
import { waitForChecks } from './wait-for-checks.js';
import { waitUntilHealthy } from './wait-until-healthy.js';

const DEFAULT_HEALTH_TIMEOUT_S = 60;
/** A container with no health check must run this long without a restart to count as up. */
const DEFAULT_SETTLE_MS = 10_000;

/**
 * `container.update`: pulls the image (reporting progress), then replaces the container with one
 * made from it with the same settings (planReplacement: name, env, command, mounts, networks and
 * aliases, ports, labels, restart policy, health check…), and waits until the new one is healthy
 * (Docker's health or staying up, then every Berth check that runs on the container).
 * If creating, starting or the health wait fails, the new container is removed and the old one
 * gets its name back and runs again; the action then fails with the reason. The old container is
 * removed only once the new one is good. Berth keeps the container's identity by host and name.
 */
export async function updateContainer(frame: ActionFrame, deps: ActionDeps): Promise<string> {
  const { image, healthTimeoutS, timeoutS } = frame.params;
  const containerId = frame.target.containerId;
  // The protocol schema already requires both for this verb.
  if (!image || !containerId) throw new Error('container.update needs a container and an image');
  const report = progressReporter(frame.id, deps.reportProgress);
  const old = deps.docker.container(containerId);
  const info = await old.inspect();
  const name = info.Name.replace(/^\//, '');
  if (info.HostConfig.AutoRemove === true)
    throw new Error(
      `${name} was started with --rm: stopping it would remove it, so it could not be rolled back`,
    );

  await pullWithProgress(deps.docker, image, report);
  const pulled = await deps.docker.inspectImage(image);
  if (pulled.Id === info.Image)
    return `${name} already runs ${image} (${describeDigest(image, pulled.RepoDigests ?? undefined)})`;
  const oldImage = await deps.docker
    .inspectImage(info.Image)
    .then((inspected) => inspected.Config ?? {})
    .catch(() => ({}));
  const options = planReplacement(info as InspectedContainer, oldImage, image);
  const wasRunning = info.State.Running;

  report('stopping');
  await old.stop(timeoutS ?? 10).catch(ignoreNotModified);
  const asideName = `${name}-berth-old-${info.Id.slice(0, 12)}`;
  await old.rename(asideName).catch(async (error: unknown) => {
    if (wasRunning) await old.start().catch(ignoreNotModified);
    throw error;
  });

  let created: EngineContainer | undefined;
  let health = 'left stopped, as the old container was';
  try {
    report('creating');
    created = await deps.docker.createContainer(options);
    if (wasRunning) {
      report('starting');
      await created.start();
      report('waiting_healthy');
      const timeoutMs = (healthTimeoutS ?? DEFAULT_HEALTH_TIMEOUT_S) * 1000;
      const deadline = Date.now() + timeoutMs;
      health = await waitUntilHealthy(created, {
        timeoutMs,
        settleMs: Math.min(deps.updateSettleMs ?? DEFAULT_SETTLE_MS, timeoutMs),
      });
      // A Berth check on the container (label or console-defined) must pass too, in the same time.
      const checks = deps.containerChecks?.(name) ?? [];
      if (checks.length > 0)
        health += `; ${await waitForChecks(deps.docker, created, name, checks, { deadline })}`;
    }
  } catch (error) {
    report('rolling_back');
    const reason = error instanceof Error ? error.message : String(error);
    const restored = await rollBack({ old, created, name, wasRunning });
    await deps.refreshInventory().catch(() => undefined);
    throw new Error(`update of ${name} to ${image} failed: ${reason}; ${restored}`);
  }

  report('cleaning_up');
  // Named and anonymous volumes stay: the new container mounts them.
  await old.remove({ force: true });
  await deps.refreshInventory().catch(() => undefined);
  const shortId = created.id.slice(0, 12);
  return `updated ${name} to ${image} (${describeDigest(image, pulled.RepoDigests ?? undefined)}); new container ${shortId}, ${health}`;
}

async function pullWithProgress(
  docker: DockerEngine,
  image: string,
  report: ProgressReporter,
): Promise<void> {
  report('pulling', 0, image);
  const progress = new PullProgress();
  await docker.pull(image, undefined, (line) => {
    const percent = progress.read(line);
    if (percent !== null) report('pulling', percent, image);
  });
  report('pulling', 100, image);
}

/** Puts the old container back as it was; says what it could restore. */
async function rollBack(state: {
  old: EngineContainer;
  created: EngineContainer | undefined;
  name: string;
  wasRunning: boolean;
}): Promise<string> {
  try {
    await state.created?.remove({ force: true });
    await state.old.rename(state.name);
    if (state.wasRunning) await state.old.start().catch(ignoreNotModified);
    return `rolled back: the previous container runs again as ${state.name}`;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `ROLLBACK FAILED (${message}): check the host's containers named ${state.name}*`;
  }
}

/** The pulled image's digest in the repository it was pulled from, or its id when it has none. */
function describeDigest(image: string, repoDigests: readonly string[] | null | undefined): string {
  const repository = splitImageReference(image).repository;
  const digest = (repoDigests ?? []).find((entry) => entry.startsWith(`${repository}@`));
  return digest ? digest.slice(repository.length + 1) : 'no registry digest';
}

function ignoreNotModified(error: unknown): void {
  if (engineStatusCode(error) !== 304) throw error;
}

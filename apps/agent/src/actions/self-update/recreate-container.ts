import type { Logger } from '../../cli/logger.js';
import type { RecreateRequest } from '../../cli/parse-agent-config.js';
import { type DockerEngine, type EngineContainer, engineStatusCode } from '../../collectors/index.js';
import { type InspectedContainer, planReplacement } from './plan-replacement.js';

/** The new agent must stay up this long before the old container is removed. */
const SETTLE_MS = 5_000;
const START_TIMEOUT_MS = 30_000;

/**
 * The docker-mode update, run by a short-lived helper container (the agent cannot replace its
 * own container from inside it): moves the old container aside, stops it, creates and starts the
 * new one with the old one's name and settings, and removes the old one once the new one stayed
 * up. If anything fails, the new one is removed and the old one gets its name back and runs again.
 */
export async function recreateContainer(
  docker: DockerEngine,
  request: RecreateRequest,
  log: Logger,
): Promise<void> {
  const old = docker.container(request.containerId);
  const info: InspectedContainer = await old.inspect();
  const oldImage = await docker
    .inspectImage(info.Image)
    .then((image) => image.Config ?? {})
    .catch(() => ({}));
  const options = planReplacement(info, oldImage, request.image);
  const name = options.name ?? info.Name.replace(/^\//, '');
  const asideName = `${name}-old-${info.Id.slice(0, 12)}`;
  log.info({ container: name, image: request.image }, 'replacing the agent container');
  await old.rename(asideName);
  await old.stop(30).catch(ignoreNotModified);
  let created: EngineContainer | undefined;
  try {
    created = await docker.createContainer(options);
    await created.start();
    await waitUntilSettled(created);
  } catch (error) {
    log.error({ err: error, container: name }, 'the new agent container failed: restoring the old one');
    await created?.remove({ force: true }).catch(() => undefined);
    await old.rename(name);
    await old.start().catch(ignoreNotModified);
    throw error;
  }
  await old.remove({ force: true });
  log.info({ container: name, image: request.image }, 'agent container replaced');
}

async function waitUntilSettled(container: EngineContainer): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let upSince: number | null = null;
  while (Date.now() < deadline) {
    const state = (await container.inspect()).State;
    if (state.Running && !state.Restarting) {
      upSince ??= Date.now();
      if (Date.now() - upSince >= SETTLE_MS) return;
    } else {
      upSince = null;
      if (!state.Running && !state.Restarting && state.Status !== 'created') {
        throw new Error(`the new agent container stopped (exit code ${state.ExitCode})`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the new agent container did not stay up for ${SETTLE_MS / 1000} s`);
}

function ignoreNotModified(error: unknown): void {
  if (engineStatusCode(error) !== 304) throw error;
}

/** The helper container's whole life: the exit code says whether the new container is up. */
export async function runRecreateHelper(
  docker: DockerEngine,
  request: RecreateRequest,
  log: Logger,
): Promise<number> {
  try {
    await recreateContainer(docker, request, log);
    return 0;
  } catch (error) {
    log.fatal({ err: error }, 'agent container update failed; the old container runs again');
    return 1;
  }
}

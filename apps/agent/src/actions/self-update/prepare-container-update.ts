import type { DockerEngine } from '../../collectors/index.js';
import { findOwnContainerId } from './find-own-container.js';
import { imageWithTag } from './plan-replacement.js';

const DOCKER_SOCKET = '/var/run/docker.sock';

export type ContainerUpdate = { container: string; image: string; startHelper: () => Promise<void> };

/**
 * Docker mode, inside the agent container: finds this container, makes sure the new image
 * (`<repository>:<version>`) is on the host (pulling it if needed), and creates — without
 * starting — the helper container that will replace this one (`--recreate-container`). It runs
 * this agent's own image with only the Docker API reachable, and removes itself when done.
 */
export async function prepareContainerUpdate(
  docker: DockerEngine,
  version: string,
  findContainer: () => Promise<string | null> = findOwnContainerId,
): Promise<ContainerUpdate> {
  const id = await findContainer();
  if (!id)
    throw new Error(
      'cannot tell which container this agent runs in (no container id in /proc/self/mountinfo)',
    );
  const self = await docker.container(id).inspect();
  const container = self.Name.replace(/^\//, '');
  const image = imageWithTag(self.Config.Image, version);
  await ensureImage(docker, image);
  const dockerHost = self.Config.Env?.find((entry) => entry.startsWith('DOCKER_HOST='));
  const socketBinds = (self.HostConfig.Binds ?? []).filter((bind) => bind.split(':')[1] === DOCKER_SOCKET);
  const helper = await docker.createContainer({
    name: `${container}-updater-${Date.now()}`,
    Image: self.Image,
    Entrypoint: self.Config.Entrypoint ?? undefined,
    Cmd: ['--recreate-container', self.Id, '--image', image],
    Env: dockerHost ? [dockerHost] : [],
    Labels: { 'berth.agent.updater': '1' },
    HostConfig: {
      AutoRemove: true,
      Binds: socketBinds,
      GroupAdd: self.HostConfig.GroupAdd ?? [],
      // A Docker API over TCP needs the agent's network; the socket needs none.
      NetworkMode: dockerHost ? self.HostConfig.NetworkMode : 'none',
      ReadonlyRootfs: true,
      SecurityOpt: ['no-new-privileges:true'],
    },
  });
  return { container, image, startHelper: async () => void (await helper.start()) };
}

async function ensureImage(docker: DockerEngine, image: string): Promise<void> {
  const present = await docker
    .inspectImage(image)
    .then(() => true)
    .catch(() => false);
  if (present) return;
  try {
    await docker.pull(image);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the image ${image} is not on this host and could not be pulled: ${message.slice(0, 300)}`,
    );
  }
}

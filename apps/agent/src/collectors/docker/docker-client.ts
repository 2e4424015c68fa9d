import { DockerEngine } from './engine-client/docker-engine.js';
import { engineEndpointFromHost } from './engine-client/engine-endpoint.js';

export type DockerClientConfig = {
  /** DOCKER_HOST as the operator wrote it: unix:///path, /path, tcp://host:port or http(s)://host:port. */
  dockerHost?: string | undefined;
};

/** The Engine API client, directly on the engine's socket or through a socket proxy. */
export function createDockerClient(config: DockerClientConfig): DockerEngine {
  return new DockerEngine(engineEndpointFromHost(config.dockerHost));
}

/** The engine's version ("20.10.24"), or null when it does not answer. */
export async function readDockerVersion(docker: DockerEngine): Promise<string | null> {
  try {
    const version = await docker.version(AbortSignal.timeout(10_000));
    return version.Version || null;
  } catch {
    return null;
  }
}

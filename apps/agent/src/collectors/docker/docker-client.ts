import { Readable } from 'node:stream';
import Docker from 'dockerode';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

export type DockerClientConfig = {
  /** DOCKER_HOST as the operator wrote it: unix:///path, /path, tcp://host:port or http(s)://host:port. */
  dockerHost?: string | undefined;
};

/** Translates DOCKER_HOST into dockerode options; throws on a scheme we cannot speak. */
export function dockerOptionsFromHost(dockerHost: string | undefined): Docker.DockerOptions {
  const value = dockerHost?.trim();
  if (!value) return { socketPath: DEFAULT_DOCKER_SOCKET };
  if (value.startsWith('unix://'))
    return { socketPath: value.slice('unix://'.length) || DEFAULT_DOCKER_SOCKET };
  if (value.startsWith('/')) return { socketPath: value };
  const match = /^(tcp|http|https):\/\/([^/:]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(value);
  if (!match) {
    throw new Error(
      `unsupported DOCKER_HOST "${value}": expected unix:///path/to/docker.sock, tcp://host:port or http(s)://host:port`,
    );
  }
  const [, scheme, host = '', port] = match;
  const protocol = scheme === 'https' ? 'https' : 'http';
  return {
    protocol,
    host: host.replace(/^\[|\]$/g, ''),
    port: Number(port ?? (protocol === 'https' ? 2376 : 2375)),
  };
}

/** A dockerode client for the engine, directly on its socket or through a socket proxy. */
export function createDockerClient(config: DockerClientConfig): Docker {
  return new Docker(dockerOptionsFromHost(config.dockerHost));
}

/** The engine's version ("20.10.24"), or null when it does not answer. */
export async function readDockerVersion(docker: Docker): Promise<string | null> {
  try {
    const version = await docker.version();
    return version.Version || null;
  } catch {
    return null;
  }
}

type Query = Record<string, string | number | boolean | undefined>;

const STATUS_CODES = { 200: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' };

function dial(docker: Docker, path: string, query: Query, isStream: boolean, signal?: AbortSignal) {
  const options = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
  return new Promise<unknown>((resolve, reject) => {
    docker.modem.dial(
      { path: `${path}?`, method: 'GET', options, isStream, statusCodes: STATUS_CODES, abortSignal: signal },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/**
 * GET returning parsed JSON. Used where dockerode's typed helpers cannot pass a parameter we need
 * (`one-shot` with an abort signal).
 */
export function getDockerJson(
  docker: Docker,
  path: string,
  query: Query,
  signal?: AbortSignal,
): Promise<unknown> {
  return dial(docker, path, query, false, signal);
}

/** GET returning the response as a stream (events), with query values passed verbatim as strings. */
export async function openDockerStream(
  docker: Docker,
  path: string,
  query: Query,
  signal?: AbortSignal,
): Promise<Readable> {
  const result = await dial(docker, path, query, true, signal);
  if (!(result instanceof Readable)) throw new Error(`GET ${path}: the engine did not return a stream`);
  return result;
}

/** HTTP status of a dockerode/docker-modem error, if it carries one. */
export function dockerStatusCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/** Where the Engine API listens: a unix socket, or a TCP address (a socket proxy). */
export type EngineEndpoint =
  | { socketPath: string }
  | { protocol: 'http' | 'https'; host: string; port: number };

/** Translates DOCKER_HOST into an endpoint; throws on a scheme we cannot speak. */
export function engineEndpointFromHost(dockerHost: string | undefined): EngineEndpoint {
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

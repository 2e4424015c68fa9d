import type { DockerConfig, RegistryCredentials } from './docker-config.js';
import { credentialsFromDockerConfig } from './docker-config.js';
import { normaliseRegistryHost } from './image-reference.js';

export type CredentialSources = {
  /** Per-registry credentials given explicitly (e.g. stored per org); they win over the config. */
  explicit?: Readonly<Record<string, RegistryCredentials>>;
  dockerConfig?: DockerConfig;
};

export type ResolveCredentials = (registry: string) => RegistryCredentials | undefined;

/** Explicit credentials first, then the host's Docker config; undefined means anonymous. */
export function credentialResolver(sources: CredentialSources): ResolveCredentials {
  const explicit = new Map(
    Object.entries(sources.explicit ?? {}).map(([key, value]) => [normaliseRegistryHost(key), value]),
  );
  return (registry) =>
    explicit.get(registry) ??
    (sources.dockerConfig ? credentialsFromDockerConfig(sources.dockerConfig, registry) : undefined);
}

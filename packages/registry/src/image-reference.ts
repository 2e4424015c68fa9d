import { RegistryError } from './registry-error.js';

export type ImageReference = {
  /** `docker.io` for Docker Hub, else the host (and port) as written. */
  registry: string;
  /** Full repository path, `library/` added for Docker Hub's official images. */
  repository: string;
  /** `latest` when neither a tag nor a digest was given; absent for digest-only references. */
  tag?: string;
  digest?: string;
};

export const DOCKER_HUB = 'docker.io';

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;

function invalid(reference: string, why: string): RegistryError {
  return new RegistryError('invalid_reference', `invalid image reference "${reference}": ${why}`);
}

/** Docker's rule: the first path component is a registry when it has a dot, a colon, or is localhost. */
function splitRegistry(name: string): [string, string] {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const isHost =
    slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  if (!isHost) return [DOCKER_HUB, name];
  const host = first === 'index.docker.io' ? DOCKER_HUB : first;
  return [host, name.slice(slash + 1)];
}

/** Parses an image reference the way the Docker CLI normalises it. */
export function parseImageReference(reference: string): ImageReference {
  const trimmed = reference.trim();
  if (trimmed.length === 0 || trimmed.length > 4096) throw invalid(reference, 'empty or too long');
  const at = trimmed.indexOf('@');
  const digest = at === -1 ? undefined : trimmed.slice(at + 1);
  const nameAndTag = at === -1 ? trimmed : trimmed.slice(0, at);
  if (digest !== undefined && !DIGEST.test(digest)) throw invalid(reference, 'malformed digest');
  // A colon after the last slash separates the tag; one before it is a registry port.
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > nameAndTag.lastIndexOf('/');
  const name = hasTag ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = hasTag ? nameAndTag.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) throw invalid(reference, `malformed tag "${tag}"`);
  const [registry, path] = splitRegistry(name);
  if (registry !== DOCKER_HUB && !HOST.test(registry))
    throw invalid(reference, `malformed registry host "${registry}"`);
  const components = path.split('/');
  if (!components.every((component) => COMPONENT.test(component)))
    throw invalid(reference, `repository "${path}" must be lowercase letters, digits and separators`);
  const repository = registry === DOCKER_HUB && components.length === 1 ? `library/${path}` : path;
  return {
    registry,
    repository,
    ...(tag !== undefined ? { tag } : digest === undefined ? { tag: 'latest' } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** The host the v2 API answers on: Docker Hub's API is not served from `docker.io` itself. */
export function registryApiHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/** Normalises the keys Docker writes into config.json `auths` (URLs, `/v1/` paths, Hub aliases). */
export function normaliseRegistryHost(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  return ['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'].includes(host)
    ? DOCKER_HUB
    : host;
}

export type { AuthChallenge } from './auth-challenge.js';
export { parseAuthChallenge } from './auth-challenge.js';
export type {
  FleetDigest,
  ImageUpdateCheck,
  ImageUpdateCheckInput,
  PlatformChild,
} from './check-image-update.js';
export { checkImageUpdate } from './check-image-update.js';
export type { SemverTag, TagUpdates } from './classify-tag-updates.js';
export { classifyTagUpdates, parseSemverTag } from './classify-tag-updates.js';
export type { DockerConfig, RegistryCredentials } from './docker-config.js';
export { credentialsFromDockerConfig, parseDockerConfig, ZDockerConfigSchema } from './docker-config.js';
export type { ImageUpdates } from './find-image-updates.js';
export { findImageUpdates } from './find-image-updates.js';
export type { FetchedManifest, ManifestHead } from './head-manifest.js';
export { getManifest, headManifest } from './head-manifest.js';
export type { ImageReference } from './image-reference.js';
export { DOCKER_HUB, parseImageReference, registryApiHost } from './image-reference.js';
export type { ListTagsOptions } from './list-tags.js';
export { listTags } from './list-tags.js';
export * from './manifest-media-types.js';
export type { RateLimit } from './rate-limit.js';
export { parseRateLimit } from './rate-limit.js';
export { redact } from './redact.js';
export type {
  RegistryClient,
  RegistryClientOptions,
  RegistryRequest,
  RepositoryTarget,
} from './registry-client.js';
export { createRegistryClient } from './registry-client.js';
export type { RegistryErrorCode, RegistryErrorDetails } from './registry-error.js';
export { RegistryError } from './registry-error.js';
export type { CredentialSources, ResolveCredentials } from './resolve-credentials.js';
export { credentialResolver } from './resolve-credentials.js';
export type { ImageIndex, Platform } from './select-platform.js';
export { selectPlatformDigest, ZImageIndexSchema } from './select-platform.js';

export { BUSYBOX_IMAGE, ensureBusyboxImage, ensureNoShellImage, NO_SHELL_IMAGE } from './busybox-image.js';
export { commitBusyboxVariant } from './commit-busybox-variant.js';
export type { TestContainer } from './containers.js';
export { httpdHealthCommand, removeTestContainers, runBusybox, stopHttpd, TEST_LABEL } from './containers.js';
export type { DockerAvailability } from './docker-availability.js';
export { dockerAvailability } from './docker-availability.js';
export { docker } from './docker-cli.js';
export type {
  AnonymousRegistry,
  LocalRegistry,
  RegistryAuth,
  RegistryAvailability,
} from './local-registry.js';
export {
  localRegistryUnavailable,
  registryAvailability,
  startAnonymousRegistry,
  startRegistry,
} from './local-registry.js';
export type { Descriptor, Platform } from './push-with-api.js';
export { pushIndex, pushPlatformImage, putManifest } from './push-with-api.js';
export { dockerWithConfig, importTinyImage, repoDigests } from './push-with-docker.js';

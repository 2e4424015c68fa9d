export { BUSYBOX_IMAGE, ensureBusyboxImage, ensureNoShellImage, NO_SHELL_IMAGE } from './busybox-image.js';
export type { TestContainer } from './containers.js';
export { httpdHealthCommand, removeTestContainers, runBusybox, stopHttpd, TEST_LABEL } from './containers.js';
export type { DockerAvailability } from './docker-availability.js';
export { dockerAvailability } from './docker-availability.js';
export { docker } from './docker-cli.js';
export type { AnonymousRegistry } from './local-registry.js';
export { commitBusyboxVariant, localRegistryUnavailable, startAnonymousRegistry } from './local-registry.js';

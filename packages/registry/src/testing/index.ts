// Test helpers for other workspaces' tests (the agent's and the gateway's image checks): a real
// docker-registry on loopback and images pushed to it with the Docker CLI.
export type { LocalRegistry, RegistryAuth, RegistryAvailability } from '../test/local-registry.js';
export { registryAvailability, startRegistry } from '../test/local-registry.js';
export type { Descriptor } from '../test/push-with-api.js';
export { pushIndex, pushPlatformImage } from '../test/push-with-api.js';
export { dockerWithConfig, importTinyImage, repoDigests } from '../test/push-with-docker.js';

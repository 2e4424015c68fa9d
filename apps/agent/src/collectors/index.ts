/** What the rest of the agent uses from the collectors (wiring, batcher, actions, hello). */
export { createCollectors } from './collect.js';
export type {
  BufferBounds,
  Collectors,
  CollectorsOptions,
  Drained,
  DroppedCounts,
  HeldCounts,
} from './collector-types.js';
export { DEFAULT_BOUNDS } from './collector-types.js';
export type { DockerClientConfig } from './docker/docker-client.js';
export { createDockerClient, readDockerVersion } from './docker/docker-client.js';
export type { EventsGap } from './docker/docker-events.js';
export { nowNs, nsToIso } from './docker/docker-time.js';
export type { DockerEngine } from './docker/engine-client/docker-engine.js';
export type { EngineContainer } from './docker/engine-client/engine-container.js';
export { EngineError, engineStatusCode } from './docker/engine-client/engine-error.js';
export type {
  ContainerCreateOptions,
  ContainerInspect,
  EndpointSettings,
  HealthConfig,
  ImageInspect,
  MountPoint,
} from './docker/engine-client/engine-types.js';
export { splitImageReference } from './docker/engine-client/image-reference.js';
export { readHostFacts } from './host/host-facts.js';
export type { HostPaths } from './host/host-paths.js';
export { DockerLogDecoder } from './logs/log-decoder.js';

/**
 * The parts of the Engine API's answers and requests the agent reads or sends (field names as
 * the engine spells them). Answers are the local engine's own, taken as typed here; what leaves
 * the agent is checked against the protocol's schemas where it is mapped (inventory, stats).
 */

export type PortSummary = { IP?: string; PrivatePort: number; PublicPort?: number; Type: string };

/** One entry of `GET /containers/json`. */
export type ContainerSummary = {
  Id: string;
  Names?: string[];
  Image: string;
  ImageID: string;
  Created: number;
  State: string;
  Status?: string;
  Labels?: Record<string, string>;
  Ports?: PortSummary[];
  /** `host`, `none`, `bridge`, a network name or `container:<id>`. */
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, { IPAddress?: string } | null> | null };
};

/** The host config is sent back verbatim when the agent recreates its own container. */
export type HostConfig = {
  Binds?: string[] | null;
  GroupAdd?: string[] | null;
  NetworkMode?: string;
  [setting: string]: unknown;
};

export type ContainerConfig = {
  Image: string;
  Labels?: Record<string, string> | null;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | string | null;
  User?: string;
  WorkingDir?: string;
  Tty: boolean;
  OpenStdin?: boolean;
  Hostname?: string;
  Domainname?: string;
  ExposedPorts?: Record<string, object> | null;
  Healthcheck?: HealthConfig | null;
  StopSignal?: string;
  StopTimeout?: number;
  Volumes?: Record<string, object> | null;
};

/** `HEALTHCHECK` as the engine spells it (durations in nanoseconds). */
export type HealthConfig = {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
};

/** One entry of a container's `Mounts` (what is mounted, however it was asked for). */
export type MountPoint = {
  Type: string;
  Name?: string;
  Source?: string;
  Destination: string;
  RW?: boolean;
};

export type EndpointSettings = { Aliases?: string[] | null; IPAMConfig?: unknown };

/** `GET /containers/{id}/json`. */
export type ContainerInspect = {
  Id: string;
  Name: string;
  Image: string;
  Created: string;
  RestartCount: number;
  State: {
    Status: string;
    Running: boolean;
    Restarting: boolean;
    ExitCode: number;
    /** The container's first process as the engine's host sees it (0 when not running). */
    Pid?: number;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string };
  };
  Config: ContainerConfig;
  HostConfig: HostConfig;
  Mounts?: MountPoint[];
  NetworkSettings?: { Networks?: Record<string, EndpointSettings> };
};

/**
 * `GET /images/{name}/json`: the part a replacement is planned from, and what an update check
 * compares (repo digests, platform).
 */
export type ImageInspect = {
  Id: string;
  Config?: Partial<ContainerConfig> | null;
  RepoDigests?: string[] | null;
  Os?: string;
  Architecture?: string;
  Variant?: string;
};

/** `POST /containers/create`: the body, plus the name (sent as a query parameter). */
export type ContainerCreateOptions = Partial<Omit<ContainerConfig, 'Image'>> & {
  name?: string;
  Image: string;
  HostConfig?: HostConfig;
  NetworkingConfig?: { EndpointsConfig?: Record<string, EndpointSettings> };
};

/** `GET /version`. */
export type EngineVersion = { Version?: string; ApiVersion?: string };

import {
  type ContainerCreateOptions,
  type ContainerInspect,
  type EndpointSettings,
  type HealthConfig,
  splitImageReference,
} from '../../collectors/index.js';

/** The parts of `docker inspect` (container and image) a replacement is planned from. */
export type InspectedContainer = Pick<
  ContainerInspect,
  'Id' | 'Name' | 'Image' | 'HostConfig' | 'NetworkSettings' | 'Mounts'
> & {
  Config: Partial<ContainerInspect['Config']>;
};
export type ImageConfig = {
  Env?: string[] | null;
  Labels?: Record<string, string> | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | string | null;
  User?: string;
  WorkingDir?: string;
  ExposedPorts?: Record<string, object> | null;
  Healthcheck?: HealthConfig | null;
  StopSignal?: string;
};

/** `repo[:tag][@digest]` → `repo:version` (a registry port's colon is not a tag). */
export function imageWithTag(reference: string, version: string): string {
  return `${splitImageReference(reference).repository}:${version}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The create options of a container like `old` but from `image` (what Watchtower does): the same
 * name, host config (mounts, restart policy, network mode, groups, security options), networks,
 * and the settings given to `docker run` — env, labels, command, user — while whatever `old`
 * only had because its image said so (its ENV, LABELs, CMD…) comes from the new image instead.
 */
export function planReplacement(
  old: InspectedContainer,
  oldImage: ImageConfig,
  image: string,
): ContainerCreateOptions {
  const config = old.Config;
  const env = (config.Env ?? []).filter((entry) => !(oldImage.Env ?? []).includes(entry));
  const labels = Object.fromEntries(
    Object.entries(config.Labels ?? {}).filter(([key, value]) => oldImage.Labels?.[key] !== value),
  );
  const options: ContainerCreateOptions = {
    name: old.Name.replace(/^\//, ''),
    Image: image,
    Env: env,
    Labels: labels,
    HostConfig: old.HostConfig,
    Tty: config.Tty ?? false,
    OpenStdin: config.OpenStdin ?? false,
  };
  if (!same(config.Cmd, oldImage.Cmd)) options.Cmd = config.Cmd ?? [];
  if (!same(config.Entrypoint, oldImage.Entrypoint)) options.Entrypoint = config.Entrypoint ?? [];
  if (config.User !== undefined && config.User !== (oldImage.User ?? '')) options.User = config.User;
  if (config.WorkingDir !== undefined && config.WorkingDir !== (oldImage.WorkingDir ?? ''))
    options.WorkingDir = config.WorkingDir;
  Object.assign(options, runSettings(old, oldImage));
  const endpoints = userNetworks(old);
  if (endpoints) options.NetworkingConfig = { EndpointsConfig: endpoints };
  const anonymous = anonymousVolumes(old);
  if (anonymous.length > 0)
    options.HostConfig = { ...old.HostConfig, Mounts: [...hostMounts(old), ...anonymous] };
  return options;
}

/**
 * The other `docker run` settings that outlive the image: a health check, exposed ports, a
 * stop signal or timeout given at run time, and a hostname the user chose (Docker's default is
 * the container's short id, which the new container must not inherit).
 */
function runSettings(old: InspectedContainer, oldImage: ImageConfig): Partial<ContainerCreateOptions> {
  const config = old.Config;
  const settings: Partial<ContainerCreateOptions> = {};
  if (config.Healthcheck && !same(config.Healthcheck, oldImage.Healthcheck))
    settings.Healthcheck = config.Healthcheck;
  const ports = Object.keys(config.ExposedPorts ?? {}).filter(
    (port) => !(port in (oldImage.ExposedPorts ?? {})),
  );
  if (ports.length > 0) settings.ExposedPorts = Object.fromEntries(ports.map((port) => [port, {}]));
  if (config.StopSignal && config.StopSignal !== oldImage.StopSignal) settings.StopSignal = config.StopSignal;
  if (config.StopTimeout !== undefined) settings.StopTimeout = config.StopTimeout;
  if (config.Hostname && !old.Id.startsWith(config.Hostname)) settings.Hostname = config.Hostname;
  if (config.Domainname) settings.Domainname = config.Domainname;
  return settings;
}

function hostMounts(old: InspectedContainer): unknown[] {
  const mounts = old.HostConfig.Mounts;
  return Array.isArray(mounts) ? mounts : [];
}

/**
 * Volumes Docker made for the old container (an image's `VOLUME` or `-v /path`) are mounted
 * into the new one by name, as compose does: otherwise the new container gets empty volumes.
 */
function anonymousVolumes(old: InspectedContainer): unknown[] {
  const binds = (old.HostConfig.Binds ?? []).map((bind) => bind.split(':')[1]);
  const mounted = hostMounts(old).map((mount) =>
    typeof mount === 'object' && mount !== null && 'Target' in mount ? mount.Target : undefined,
  );
  const named = new Set([...binds, ...mounted]);
  return (old.Mounts ?? [])
    .filter((mount) => mount.Type === 'volume' && mount.Name && !named.has(mount.Destination))
    .map((mount) => ({
      Type: 'volume',
      Source: mount.Name,
      Target: mount.Destination,
      ReadOnly: mount.RW === false,
    }));
}

/** Networks other than the built-in modes, with their aliases minus the old container's id. */
function userNetworks(old: InspectedContainer): Record<string, EndpointSettings> | undefined {
  const mode = old.HostConfig.NetworkMode ?? 'default';
  if (['host', 'none', 'bridge', 'default'].includes(mode) || mode.startsWith('container:')) return undefined;
  const shortId = old.Id.slice(0, 12);
  const endpoints: Record<string, EndpointSettings> = {};
  for (const [name, network] of Object.entries(old.NetworkSettings?.Networks ?? {})) {
    endpoints[name] = {
      Aliases: (network.Aliases ?? []).filter((alias) => alias !== shortId),
      ...(network.IPAMConfig ? { IPAMConfig: network.IPAMConfig } : {}),
    };
  }
  return endpoints;
}

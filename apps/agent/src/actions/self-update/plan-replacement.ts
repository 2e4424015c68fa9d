import {
  type ContainerCreateOptions,
  type ContainerInspect,
  type EndpointSettings,
  splitImageReference,
} from '../../collectors/index.js';

/** The parts of `docker inspect` (container and image) a replacement is planned from. */
export type InspectedContainer = Pick<
  ContainerInspect,
  'Id' | 'Name' | 'Image' | 'HostConfig' | 'NetworkSettings'
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
  const endpoints = userNetworks(old);
  if (endpoints) options.NetworkingConfig = { EndpointsConfig: endpoints };
  return options;
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

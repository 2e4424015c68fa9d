import * as z from 'zod/mini';
import { normaliseRegistryHost } from './image-reference.js';
import { RegistryError } from './registry-error.js';

export type RegistryCredentials = { username: string; password: string };

const ZAuthEntrySchema = z.object({
  auth: z.optional(z.string()),
  username: z.optional(z.string()),
  password: z.optional(z.string()),
  identitytoken: z.optional(z.string()),
});

export const ZDockerConfigSchema = z.object({
  auths: z.optional(z.record(z.string(), ZAuthEntrySchema)),
  credsStore: z.optional(z.string()),
  credHelpers: z.optional(z.record(z.string(), z.string())),
});

export type DockerConfig = z.infer<typeof ZDockerConfigSchema>;

/**
 * Parses the text of a Docker CLI config.json (the caller reads the file: this package does no
 * file I/O so it bundles into the agent as it is).
 */
export function parseDockerConfig(text: string): DockerConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RegistryError('invalid_credentials_config', 'Docker config is not valid JSON');
  }
  const parsed = ZDockerConfigSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
    throw new RegistryError(
      'invalid_credentials_config',
      `Docker config has invalid fields: ${[...new Set(fields)].join(', ')}`,
    );
  }
  return parsed.data;
}

function decodeBase64(value: string): string {
  const bytes = Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function fromAuthEntry(
  registry: string,
  entry: z.infer<typeof ZAuthEntrySchema>,
): RegistryCredentials | undefined {
  if (entry.identitytoken)
    throw new RegistryError(
      'unsupported_credentials',
      `Docker config holds an identity token for ${registry}: not supported, give a username and password`,
      { registry },
    );
  if (entry.auth) {
    let decoded: string;
    try {
      decoded = decodeBase64(entry.auth);
    } catch {
      throw new RegistryError(
        'invalid_credentials_config',
        `Docker config auths.${registry}.auth is not base64`,
        { registry },
      );
    }
    const colon = decoded.indexOf(':');
    if (colon <= 0)
      throw new RegistryError(
        'invalid_credentials_config',
        `Docker config auths.${registry}.auth is not "username:password"`,
        { registry },
      );
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

/**
 * Credentials for one registry from a Docker config: `auths` entries (base64 `auth` or
 * username/password). Credential helpers are not run (the agent does not execute host
 * programs): a registry that only a helper knows is refused with an error that says so,
 * rather than silently checked anonymously.
 */
export function credentialsFromDockerConfig(
  config: DockerConfig,
  registry: string,
): RegistryCredentials | undefined {
  const helper = Object.entries(config.credHelpers ?? {}).find(
    ([key]) => normaliseRegistryHost(key) === registry,
  );
  const entry = Object.entries(config.auths ?? {}).find(([key]) => normaliseRegistryHost(key) === registry);
  const credentials = entry ? fromAuthEntry(registry, entry[1]) : undefined;
  if (credentials) return credentials;
  const store = helper?.[1] ?? (entry ? config.credsStore : undefined);
  if (store)
    throw new RegistryError(
      'unsupported_credentials',
      `credentials for ${registry} are kept by the credential helper docker-credential-${store}, which Berth does not run; give them explicitly`,
      { registry },
    );
  return undefined;
}

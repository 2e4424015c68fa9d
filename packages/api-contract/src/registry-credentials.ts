import { z } from 'zod';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/**
 * Registry credentials (issue 17, docs/image-updates.md): per organisation and registry, used by
 * image update checks of private repositories. The password is sealed at rest and never returned.
 */

const DOCKER_HUB_ALIASES = ['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];

/** A registry host as image references name it: `docker.io`, `ghcr.io`, `registry.example.com:5000`. */
export const ZRegistryHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(255)
  .transform((value) => value.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
  .transform((host) => (DOCKER_HUB_ALIASES.includes(host) ? 'docker.io' : host))
  .pipe(
    z
      .string()
      .regex(/^[a-z0-9.-]+(:[0-9]{1,5})?$/, 'a registry host like ghcr.io or registry.example.com:5000'),
  );

export const ZCreateRegistryCredentialSchema = z.object({
  registry: ZRegistryHostSchema,
  username: z.string().trim().min(1).max(256),
  /** A password or access token (Docker Hub: a personal access token with read scope). */
  password: z.string().min(1).max(4096),
});
export type CreateRegistryCredential = z.infer<typeof ZCreateRegistryCredentialSchema>;

export const ZRegistryCredentialSchema = z.object({
  id: ZUuidSchema,
  registry: z.string(),
  username: z.string(),
  createdAt: ZIsoDateSchema,
});
export type RegistryCredential = z.infer<typeof ZRegistryCredentialSchema>;

export const ZRegistryCredentialListSchema = z.object({ items: z.array(ZRegistryCredentialSchema) });
export type RegistryCredentialList = z.infer<typeof ZRegistryCredentialListSchema>;

export const ZRegistryCredentialParamsSchema = z.object({ credentialId: ZUuidSchema });

import {
  errorResponses,
  ZCreateRegistryCredentialSchema,
  ZNoContentSchema,
  ZRegistryCredentialListSchema,
  ZRegistryCredentialParamsSchema,
  ZRegistryCredentialSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import {
  createRegistryCredential,
  deleteRegistryCredential,
  listRegistryCredentials,
} from '../../../services/registry-credentials/manage-registry-credentials.js';

/** GET /api/v1/registry-credentials — registries and usernames, never a password. */
export function registerListRegistryCredentials(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/registry-credentials',
    {
      config: { access: 'admin' },
      schema: {
        summary:
          'Registry credentials for image update checks (registry and username; passwords are never returned)',
        tags: ['image-updates'],
        response: { 200: ZRegistryCredentialListSchema },
      },
    },
    async (request) => listRegistryCredentials(ctx, principalOf(request)),
  );
}

/** POST /api/v1/registry-credentials — one per registry; the password is sealed at rest. */
export function registerCreateRegistryCredential(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/registry-credentials',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Store credentials for a registry (checks of its private repositories use them)',
        tags: ['image-updates'],
        body: ZCreateRegistryCredentialSchema,
        response: { 201: ZRegistryCredentialSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRegistryCredential(ctx, principalOf(request), request, request.body)),
  );
}

/** DELETE /api/v1/registry-credentials/:credentialId */
export function registerDeleteRegistryCredential(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/registry-credentials/:credentialId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Delete registry credentials',
        tags: ['image-updates'],
        params: ZRegistryCredentialParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteRegistryCredential(ctx, principalOf(request), request, request.params.credentialId);
      return reply.code(204).send(null);
    },
  );
}

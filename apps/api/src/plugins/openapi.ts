import { SESSION_COOKIE } from '@berth/api-contract';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { ApiApp } from '../context.js';

/** The OpenAPI document is generated from the routes' zod schemas; the docs page renders it. */
export async function registerOpenApi(app: ApiApp): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Berth API', version: '1.0.0', description: 'Docker fleet monitoring and control' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (berth_api_…)' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}

import type { Bus } from '@berth/bus';
import { createDb, createSecretBox, secretKeyRing } from '@berth/db';
import { registerErrorHandler } from '@berth/http';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiApp, ApiContext, ApiSettings } from './context.js';
import { registerAccessControl } from './plugins/access-control.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerSecurity } from './plugins/security.js';
import { registerRoutes } from './routes/register-routes.js';

export type { ApiSettingsEnv } from './settings-from-env.js';
export { apiSettingsFromEnv } from './settings-from-env.js';

export type ApiOptions = {
  databaseUrl: string;
  bus: Bus;
  settings: ApiSettings;
  logger?: FastifyServerOptions['logger'];
};

export type Api = { app: ApiApp; ctx: ApiContext; close(): Promise<void> };

/** Builds the API (plugins, access control, routes); never listens — server.ts does. */
export async function buildApi(options: ApiOptions): Promise<Api> {
  // Fastify's own trustProxy stays off: request.ip is the socket's peer, and every client
  // address Berth uses comes from request.clientAddress (auth/client-address.ts).
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const db = createDb(options.databaseUrl, { max: 10 });
  const secrets = createSecretBox(
    secretKeyRing({ secretsKeys: options.settings.secretKeys, authSecret: options.settings.authSecret }),
  );
  const ctx: ApiContext = {
    db,
    bus: options.bus,
    settings: options.settings,
    secrets,
    log: app.log,
    routes: [],
  };
  registerErrorHandler(app);
  registerAccessControl(app, ctx);
  await registerSecurity(app, ctx);
  await registerOpenApi(app);
  registerRoutes(app, ctx);
  await app.ready();
  return {
    app,
    ctx,
    async close() {
      await app.close();
      await db.$disconnect();
    },
  };
}

import { createMemoryBus, createRedisBus } from '@berth/bus';
import { loadOrExit, parseEnv, ZApiEnvSchema } from '@berth/config';
import { buildApi } from './app.js';
import { apiSettingsFromEnv } from './settings-from-env.js';

const env = loadOrExit(() => parseEnv(ZApiEnvSchema));
const bus = env.REDIS_URL ? createRedisBus(env.REDIS_URL, { name: `api-${process.pid}` }) : createMemoryBus();
const api = await buildApi({
  databaseUrl: env.DATABASE_URL,
  bus,
  logger: { level: env.LOG_LEVEL },
  settings: apiSettingsFromEnv(env, { authSecret: env.AUTH_SECRET }),
});
await api.app.listen({ host: env.HOST, port: env.API_PORT });

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    api.app.log.info({ signal }, 'shutting down');
    api
      .close()
      .then(() => bus.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          api.app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  });
}

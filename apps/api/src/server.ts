import { createMemoryBus, createRedisBus } from '@berth/bus';
import { loadOrExit, parseEnv, ZApiEnvSchema } from '@berth/config';
import { buildApi } from './app.js';

const env = loadOrExit(() => parseEnv(ZApiEnvSchema));
const bus = env.REDIS_URL ? createRedisBus(env.REDIS_URL, { name: `api-${process.pid}` }) : createMemoryBus();
const api = await buildApi({
  databaseUrl: env.DATABASE_URL,
  bus,
  logger: { level: env.LOG_LEVEL },
  settings: {
    trustProxy: env.TRUST_PROXY,
    authSecret: env.AUTH_SECRET,
    consoleOrigin: env.CONSOLE_ORIGIN ?? new URL(env.BERTH_PUBLIC_URL).origin,
    publicUrl: env.BERTH_PUBLIC_URL,
    gatewayUrl: env.GATEWAY_PUBLIC_URL ?? env.BERTH_PUBLIC_URL,
    production: env.NODE_ENV === 'production',
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    currentAgentVersion: env.BERTH_AGENT_VERSION,
  },
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

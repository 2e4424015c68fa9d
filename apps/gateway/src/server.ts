import { hostname } from 'node:os';
import { createMemoryBus, createRedisBus } from '@berth/bus';
import { loadOrExit, parseEnv, ZGatewayEnvSchema } from '@berth/config';
import { buildGateway } from './app.js';
import { gatewaySettingsFromEnv } from './settings-from-env.js';

const env = loadOrExit(() => parseEnv(ZGatewayEnvSchema));
const gatewayId = env.GATEWAY_ID ?? `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9_.-]/g, '-');
const bus = env.REDIS_URL
  ? createRedisBus(env.REDIS_URL, { name: `gateway-${gatewayId}` })
  : createMemoryBus();

const gateway = await buildGateway({
  gatewayId,
  databaseUrl: env.DATABASE_URL,
  bus,
  logger: { level: env.LOG_LEVEL },
  ...gatewaySettingsFromEnv(env),
  secrets: { secretKeys: env.SECRETS_KEYS, authSecret: env.AUTH_SECRET },
});

await gateway.app.listen({ host: env.HOST, port: env.GATEWAY_PORT });
gateway.app.log.info({ gatewayId, bus: env.REDIS_URL ? 'redis' : 'in-process' }, 'gateway listening');

let draining = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (draining) return;
    draining = true;
    gateway.app.log.info({ signal }, 'draining');
    gateway
      .drain(env.DRAIN_TIMEOUT_S * 1000)
      .then(() => bus.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          gateway.app.log.error({ err: error }, 'drain failed');
          process.exit(1);
        },
      );
  });
}

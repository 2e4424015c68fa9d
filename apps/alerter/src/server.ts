import { createMemoryBus, createRedisBus } from '@berth/bus';
import { loadOrExit, parseEnv, ZAlerterEnvSchema } from '@berth/config';
import { buildAlerter } from './app.js';
import { jsonLogger } from './logger.js';
import { alerterSettingsFromEnv } from './settings-from-env.js';

const env = loadOrExit(() => parseEnv(ZAlerterEnvSchema));
const log = jsonLogger(env.LOG_LEVEL);
if (!env.REDIS_URL) {
  log.warn(
    {},
    'REDIS_URL is not set: only the periodic pass evaluates (no gateway events reach this process)',
  );
}
const bus = env.REDIS_URL ? createRedisBus(env.REDIS_URL, { name: 'alerter' }) : createMemoryBus();
const alerter = buildAlerter({
  databaseUrl: env.DATABASE_URL,
  bus,
  settings: alerterSettingsFromEnv(env),
  log,
});
await alerter.start();
log.info({ bus: env.REDIS_URL ? 'redis' : 'in-process' }, 'alerter running');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    alerter
      .stop()
      .then(() => bus.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
  });
}

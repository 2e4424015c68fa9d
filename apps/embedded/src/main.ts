#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { loadOrExit, parseEnv, ZEmbeddedEnvSchema } from '@berth/config';
import { seedDemo } from '@berth/db';
import { loadEmbeddedState, prepareDataDir } from './embedded-state.js';
import { prepareDatabase } from './prepare-database.js';
import { printBanner } from './print-banner.js';
import { type RunningPostgres, startEmbeddedPostgres } from './start-embedded-postgres.js';
import { startServices } from './start-services.js';

const log = (line: string) => console.log(`[berth] ${line}`);
const env = loadOrExit(() => parseEnv(ZEmbeddedEnvSchema));
const stops: (() => Promise<void>)[] = [];

async function start(): Promise<void> {
  const dataDir = await prepareDataDir(env.BERTH_DATA_DIR, userInfo().uid === 0);
  const state = await loadEmbeddedState(dataDir);

  let postgres: RunningPostgres | undefined;
  if (!env.DATABASE_URL) {
    postgres = await startEmbeddedPostgres({
      dataDir,
      preferredPort: env.EMBEDDED_PG_PORT,
      password: state.postgresPassword,
      log,
    });
    const running = postgres;
    stops.push(() => running.stop());
    log(`embedded PostgreSQL listening on 127.0.0.1:${postgres.port}`);
  }
  const database = await prepareDatabase(
    postgres
      ? { adminUrl: postgres.adminUrl, createDatabase: 'berth', appPassword: state.appPassword, log }
      : { adminUrl: env.DATABASE_ADMIN_URL ?? env.DATABASE_URL ?? '', appUrl: env.DATABASE_URL, log },
  );
  stops.unshift(() => database.db.$disconnect());

  const seed = await seedDemo(database.db);
  const { bus, services } = await startServices({
    env,
    appUrl: database.appUrl,
    db: database.db,
    orgId: seed.orgId,
    authSecret: env.AUTH_SECRET ?? state.authSecret,
    dataDir,
    log,
  });
  stops.unshift(() => bus.close());
  for (const service of services) stops.unshift(() => service.stop());
  const ready = {
    pid: process.pid,
    webUrl: env.BERTH_PUBLIC_URL,
    gatewayUrl: services.find((service) => service.name === 'gateway')?.url,
    apiUrl: services.find((service) => service.name === 'api')?.url,
    databaseUrl: database.appUrl,
    bus: env.REDIS_URL ? 'redis' : 'in-process',
    orgId: seed.orgId,
    adminEmail: seed.email,
  };
  await writeFile(path.join(dataDir, 'ready.json'), `${JSON.stringify(ready, null, 2)}\n`, { mode: 0o600 });
  printBanner({ ...ready, seed, dataDir, postgresDataDir: postgres?.dataDir ?? null, services });
}

let stoppingSince = 0;
async function stop(signal: string): Promise<void> {
  if (stoppingSince) {
    // npm forwards Ctrl-C and the terminal sends it too: only a deliberate second press forces.
    if (Date.now() - stoppingSince < 1500) return;
    log('second signal: exiting now');
    process.exit(130);
  }
  stoppingSince = Date.now();
  log(`${signal}: stopping…`);
  for (const stopOne of stops) {
    await stopOne().catch((error: unknown) => console.error('[berth] while stopping:', error));
  }
  log('stopped');
  process.exit(0);
}

// stop() runs the whole sequence in order, PostgreSQL last (in a process group of its own, the
// terminal's Ctrl-C does not reach it directly), so the services commit their last writes. No
// imported module's signal handler may exit earlier.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

start().catch(async (error: unknown) => {
  console.error(`[berth] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  for (const stopOne of stops) await stopOne().catch(() => {});
  process.exit(1);
});

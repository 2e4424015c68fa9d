import { alerterSettingsFromEnv, buildAlerter, jsonLogger } from '@berth/alerter/app';
import { buildApi } from '@berth/api/app';
import { type Bus, createMemoryBus, createRedisBus } from '@berth/bus';
import type { EmbeddedEnv } from '@berth/config';
import type { Db } from '@berth/db';
import { buildGateway } from '@berth/gateway/app';
import { embeddedApiOptions, embeddedGatewayOptions } from './embedded-options.js';
import { startLocalAgent } from './start-local-agent.js';
import { startWeb } from './start-web.js';

export type RunningService = { name: string; url: string; stop(): Promise<void> };

type Options = {
  env: EmbeddedEnv;
  appUrl: string;
  db: Db;
  orgId: string;
  authSecret: string;
  dataDir: string;
  log: (line: string) => void;
};

/**
 * The services of embedded mode: gateway, API and alerter in this process, sharing one
 * in-process bus (or Redis when REDIS_URL is set), and a local agent. Returned in start order.
 */
export async function startServices(options: Options): Promise<{ bus: Bus; services: RunningService[] }> {
  const { env, log } = options;
  const bus = env.REDIS_URL ? createRedisBus(env.REDIS_URL, { name: 'berth-embedded' }) : createMemoryBus();
  const services: RunningService[] = [];

  const gateway = await buildGateway(
    embeddedGatewayOptions(env, { appUrl: options.appUrl, bus, authSecret: options.authSecret }),
  );
  const gatewayUrl = localUrl(await gateway.app.listen({ host: env.HOST, port: env.GATEWAY_PORT }));
  services.push({ name: 'gateway', url: gatewayUrl, stop: () => gateway.drain(env.DRAIN_TIMEOUT_S * 1000) });

  const api = await buildApi(
    embeddedApiOptions(env, { appUrl: options.appUrl, bus, authSecret: options.authSecret, gatewayUrl }),
  );
  const apiUrl = localUrl(await api.app.listen({ host: env.HOST, port: env.API_PORT }));
  services.push({ name: 'api', url: apiUrl, stop: () => api.close() });

  // The alerter listens on no port: it follows the gateway's events on the bus and its timers.
  const alerter = buildAlerter({
    databaseUrl: options.appUrl,
    bus,
    settings: alerterSettingsFromEnv({
      ...env,
      AUTH_SECRET: options.authSecret,
      // As the embedded API's: channels may point at the LAN by default here.
      NOTIFY_ALLOW_PRIVATE_TARGETS: env.NOTIFY_ALLOW_PRIVATE_TARGETS ?? true,
    }),
    log: jsonLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL),
  });
  await alerter.start();
  services.push({ name: 'alerter', url: 'in-process (no port)', stop: () => alerter.stop() });

  const web = await startWeb({
    port: env.WEB_PORT,
    host: env.HOST,
    apiUrl,
    publicUrl: env.BERTH_PUBLIC_URL,
    execSocketUrl: execSocketUrl(env.BERTH_PUBLIC_URL, env.API_PORT),
    authSecret: options.authSecret,
    dataDir: options.dataDir,
    log,
  });
  if (web) services.push(web);

  if (env.BERTH_LOCAL_AGENT) {
    const agent = await startLocalAgent({
      db: options.db,
      orgId: options.orgId,
      gatewayUrl,
      dataDir: options.dataDir,
      dockerHost: env.DOCKER_HOST,
      log,
    });
    if (agent) services.push(agent);
  }
  return { bus, services };
}

/**
 * Where browsers open exec terminals: the API itself, on the console's host name (both listen
 * on HOST here). The console's /api/v1 forwarding is a route handler, which cannot carry a
 * WebSocket upgrade; behind a reverse proxy that forwards only the console's port, terminals
 * need the proxy to pass /api/v1 upgrades to the API (docs/exec.md).
 */
export function execSocketUrl(publicUrl: string, apiPort: number): string {
  const url = new URL(publicUrl);
  url.port = String(apiPort);
  url.pathname = '/';
  return url.origin;
}

function localUrl(listening: string): string {
  return listening.replace('0.0.0.0', '127.0.0.1');
}

import path from 'node:path';
import { API_SERVER } from '../support/console-env.js';
import { readE2eEnv } from '../support/e2e-env.js';
import { ManagedProcess } from '../support/managed-process.js';

export type ApiProcessOptions = {
  databaseUrl: string;
  redisUrl: string;
  authSecret: string;
  port: number;
  /**
   * The console's address (BERTH_PUBLIC_URL): links in e-mails and the install command name it,
   * and the API's CORS and CSRF checks accept writes from its origin only.
   */
  consoleUrl: string;
  /** Where agents reach the gateway: the install command's --server. */
  gatewayUrl: string;
  logDir: string;
  /** More variables (e.g. EXEC_IDLE_TIMEOUT_S). */
  env?: Record<string, string>;
};

/**
 * `node apps/api/dist/server.js` as deployed: behind the console, which serves /api/v1,
 * install.sh and the agent bundle from its own address by forwarding them here.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ManagedProcess> {
  const api = new ManagedProcess(
    'api',
    API_SERVER,
    [],
    {
      ...readE2eEnv().childBase,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      API_PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      AUTH_SECRET: options.authSecret,
      BERTH_PUBLIC_URL: options.consoleUrl,
      GATEWAY_PUBLIC_URL: options.gatewayUrl,
      // The notification test posts to a receiver on loopback, which a hosted Berth refuses.
      NOTIFY_ALLOW_PRIVATE_TARGETS: '1',
      ...options.env,
    },
    path.join(options.logDir, 'api.log'),
  );
  await api.waitForLine((line) => String(line.record?.msg ?? '').startsWith('Server listening at'), {
    what: '"Server listening at …"',
    timeoutMs: 20_000,
  });
  return api;
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, readE2eEnv } from './e2e-env.js';
import { ManagedProcess } from './managed-process.js';

export const GATEWAY_SERVER = path.join(REPO_ROOT, 'apps/gateway/dist/server.js');

/** Ping interval announced to agents: the protocol's minimum, so a dead link is found in ~20 s. */
export const AGENT_PING_S = 5;

export type GatewayOptions = {
  /** Runtime role (berth_app) connection. */
  databaseUrl: string;
  port: number;
  logDir: string;
  name?: string;
  env?: Record<string, string>;
};

/** `node apps/gateway/dist/server.js` on 127.0.0.1:`port`, in-process bus; resolves once it listens. */
export async function startGateway(options: GatewayOptions): Promise<ManagedProcess> {
  if (!existsSync(GATEWAY_SERVER)) {
    throw new Error(
      `${GATEWAY_SERVER} is missing: build first (npx turbo run build --filter=@berth/gateway)`,
    );
  }
  const name = options.name ?? 'gateway';
  const gateway = new ManagedProcess(
    name,
    GATEWAY_SERVER,
    [],
    {
      ...readE2eEnv().childBase,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: 'e2e-fault-tests-secret-0123456789abcdef',
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(options.port),
      GATEWAY_ID: name,
      AGENT_INTERVAL_S: '1',
      AGENT_PING_S: String(AGENT_PING_S),
      ...options.env,
    },
    path.join(options.logDir, `${name}.log`),
  );
  await gateway.waitForRecord('gateway listening', { timeoutMs: 20_000 });
  return gateway;
}

import { type ApiOptions, apiSettingsFromEnv } from '@berth/api/app';
import type { Bus } from '@berth/bus';
import type { EmbeddedEnv } from '@berth/config';
import { type GatewayOptions, gatewaySettingsFromEnv } from '@berth/gateway/app';

type Shared = {
  /** Runtime-role URL of the database embedded mode prepared. */
  appUrl: string;
  bus: Bus;
};

// The services' own settings readers do the mapping; embedded mode adds only what it owns:
// quieter logs, its generated session secret, and the gateway it runs as the agents' address.

function logger(env: EmbeddedEnv): { level: string } {
  return { level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL };
}

/** The embedded gateway: every AGENT_* and INGEST_* variable applies as in a gateway process. */
export function embeddedGatewayOptions(
  env: EmbeddedEnv,
  shared: Shared & { authSecret: string },
): GatewayOptions {
  return {
    gatewayId: env.GATEWAY_ID ?? 'embedded',
    databaseUrl: shared.appUrl,
    bus: shared.bus,
    logger: logger(env),
    ...gatewaySettingsFromEnv(env),
    // The API seals registry credentials with these keys; the gateway opens them for checks.
    secrets: { secretKeys: env.SECRETS_KEYS, authSecret: shared.authSecret },
  };
}

/** The embedded API; `gatewayUrl` is where the embedded gateway listens (unless GATEWAY_PUBLIC_URL). */
export function embeddedApiOptions(
  env: EmbeddedEnv,
  shared: Shared & { authSecret: string; gatewayUrl: string },
): ApiOptions {
  return {
    databaseUrl: shared.appUrl,
    bus: shared.bus,
    logger: logger(env),
    settings: apiSettingsFromEnv(env, {
      authSecret: shared.authSecret,
      gatewayUrl: shared.gatewayUrl,
      notifyAllowPrivateTargetsByDefault: true,
    }),
  };
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT, readE2eEnv } from './e2e-env.js';
import { ManagedProcess } from './managed-process.js';
import { waitFor } from './wait-for.js';

export const ALERTER_SERVER = path.join(REPO_ROOT, 'apps/alerter/dist/server.js');

export type AlerterOptions = {
  /** Runtime role (berth_app) connection. */
  databaseUrl: string;
  redisUrl: string;
  /** The API's: channel secrets are sealed under a key derived from it. */
  authSecret: string;
  /** The console's address, which messages link to. */
  publicUrl: string;
  /** Written after each successful delivery round (and periodic pass). */
  heartbeatFile: string;
  logDir: string;
  env?: Record<string, string>;
};

/**
 * `node apps/alerter/dist/server.js` as deployed: settings from its environment, its own timers,
 * gateway events over Redis. Loopback receivers are allowed (NOTIFY_ALLOW_PRIVATE_TARGETS).
 * Deliveries run every second; the periodic pass only every 10 minutes, so within a test the
 * heartbeat file is written by delivery rounds alone (see `deliveryRoundsAfter`).
 */
export async function startAlerter(options: AlerterOptions): Promise<ManagedProcess> {
  if (!existsSync(ALERTER_SERVER)) {
    throw new Error(
      `${ALERTER_SERVER} is missing: build first (npx turbo run build --filter=@berth/alerter)`,
    );
  }
  const alerter = new ManagedProcess(
    'alerter',
    ALERTER_SERVER,
    [],
    {
      ...readE2eEnv().childBase,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      AUTH_SECRET: options.authSecret,
      BERTH_PUBLIC_URL: options.publicUrl,
      AGENT_INTERVAL_S: '1',
      ALERTER_DELIVERY_INTERVAL_S: '1',
      ALERTER_PASS_INTERVAL_S: '600',
      ALERTER_HEARTBEAT_FILE: options.heartbeatFile,
      NOTIFY_ALLOW_PRIVATE_TARGETS: '1',
      ...options.env,
    },
    path.join(options.logDir, 'alerter.log'),
  );
  await alerter.waitForRecord('alerter running', { timeoutMs: 20_000 });
  return alerter;
}

/**
 * Resolves once a whole delivery round (group flushes, then deliveries) has started and ended
 * after `since`. The heartbeat holds the end time of the last round; rounds never overlap, so
 * the second distinct time after `since` belongs to a round that began after the first ended.
 */
export async function deliveryRoundsAfter(heartbeatFile: string, since: Date): Promise<void> {
  const seen = new Set<string>();
  await waitFor(
    async () => {
      const at = (await readFile(heartbeatFile, 'utf8')).trim();
      if (new Date(at) > since) seen.add(at);
      return seen.size >= 2;
    },
    { what: `a whole delivery round after ${since.toISOString()}`, timeoutMs: 30_000, intervalMs: 100 },
  );
}

import type { Bus } from '@berth/bus';
import { AGENT_RELEASE_VERSION, TRUST_NONE, type TrustProxy } from '@berth/config';
import { createPool, createSecretBox, POOL_WAIT_MS, type SecretKey, secretKeyRing } from '@berth/db/sql';
import { registerErrorHandler } from '@berth/http';
import { CLOSE_CODES, LIMITS } from '@berth/protocol';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { DeliveryPasses } from './actions/delivery-passes.js';
import { registerActionHandling } from './actions/register-action-handling.js';
import { createSessionRegistry } from './agents/session-registry.js';
import { registerCheckConfig } from './check-config/register-check-config.js';
import type { AgentSettings, GatewayContext, IngestSettings } from './context.js';
import { registerExecRelay } from './exec/register-exec-relay.js';
import { type ImageCheckSweeps, registerImageChecks } from './image-checks/register-image-checks.js';
import { createIngestWriter } from './ingest/ingest-writer.js';
import { startMaintenanceTimers } from './maintenance-timers.js';
import { createGatewayMetrics } from './metrics.js';
import { registerAgentSocket } from './routes/agent-socket.js';
import { registerEnrolHost } from './routes/enrol-host.js';
import { registerHealth } from './routes/health.js';
import { registerPostBatch } from './routes/post-batch.js';

export type { GatewaySettingsEnv } from './settings-from-env.js';
export { gatewaySettingsFromEnv } from './settings-from-env.js';

export type GatewayOptions = {
  gatewayId: string;
  /** Runtime role (subject to row-level security). */
  databaseUrl: string;
  bus: Bus;
  settings?: Partial<AgentSettings>;
  ingest?: Partial<IngestSettings>;
  logger?: FastifyServerOptions['logger'];
  /** Who may name the client in X-Forwarded-For (TRUST_PROXY); default: nobody. */
  trustProxy?: TrustProxy;
  /**
   * Keys of secrets at rest (SECRETS_KEYS, else derived from AUTH_SECRET), to open registry
   * credentials for image checks. Unset: checks go out without credentials.
   */
  secrets?: { secretKeys?: readonly SecretKey[] | undefined; authSecret: string };
};

export type Gateway = {
  app: FastifyInstance;
  ctx: GatewayContext;
  /** Each finished action delivery pass (a hello's, a nudge's), as an event. */
  deliveries: DeliveryPasses;
  /** Image update checks over this gateway's agents (a sweep can be run at once). */
  imageChecks: ImageCheckSweeps;
  /** Stops taking agents, closes their sockets with 1012, finishes in-flight writes, closes. */
  drain(timeoutMs: number): Promise<void>;
};

/** Every 6 h per reference (Docker Hub's quota window), due checks looked for every minute. */
const DEFAULT_IMAGE_CHECKS = { intervalS: 21_600, sweepMs: 60_000 };

export const DEFAULT_SETTINGS: AgentSettings = {
  batchMs: 10_000,
  pingMs: 30_000,
  limits: {
    maxFrameBytes: LIMITS.maxFrameBytes,
    maxItemsPerBatch: LIMITS.maxItemsPerBatch,
    maxFramesPerSecond: 20,
    maxUnackedBatches: 8,
  },
  currentAgentVersion: AGENT_RELEASE_VERSION,
  helloTimeoutMs: 10_000,
  imageChecks: DEFAULT_IMAGE_CHECKS,
};

/** Builds the gateway (routes, sockets, ingest, timers); never listens — server.ts does. */
export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const ingest: IngestSettings = {
    connections: options.ingest?.connections ?? 4,
    rowsPerTx: options.ingest?.rowsPerTx ?? 20_000,
    queueRows: options.ingest?.queueRows ?? 200_000,
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // request.ip stays the socket's peer; client addresses come from clientAddressOf (TRUST_PROXY).
    trustProxy: false,
  });
  const metrics = createGatewayMetrics();
  const db = createPool(options.databaseUrl, {
    max: 4,
    // A burst of hellos queues for a connection rather than failing (see POOL_WAIT_MS).
    waitMs: POOL_WAIT_MS,
    onConnectionError: (error) => app.log.warn({ err: error }, 'database connection lost'),
  });
  const pool = createPool(options.databaseUrl, {
    max: ingest.connections + 1,
    onConnectionError: (error) => app.log.warn({ err: error }, 'ingest connection lost'),
  });
  const writer = createIngestWriter({
    pool,
    ...ingest,
    log: app.log,
    metrics,
  });
  const sessions = createSessionRegistry({
    gatewayId: options.gatewayId,
    bus: options.bus,
    log: app.log,
    metrics,
    pingMs: settings.pingMs,
    helloTimeoutMs: settings.helloTimeoutMs,
  });
  const ctx: GatewayContext = {
    gatewayId: options.gatewayId,
    settings,
    ingest,
    db,
    pool,
    bus: options.bus,
    writer,
    sessions,
    log: app.log,
    metrics,
    trustProxy: options.trustProxy ?? TRUST_NONE,
  };
  let draining = false;
  const isDraining = () => draining;

  registerErrorHandler(app);
  registerAgentSocket(app, ctx, isDraining);
  registerEnrolHost(app, ctx);
  registerPostBatch(app, ctx);
  registerHealth(app, ctx, isDraining);
  const deliveries = registerActionHandling(ctx);
  registerCheckConfig(ctx);
  const execRelay = registerExecRelay(ctx);
  app.addHook('onClose', async () => execRelay.stop());
  await sessions.start();
  const stopTimers = startMaintenanceTimers(ctx);
  const box = options.secrets
    ? createSecretBox(
        secretKeyRing({ secretsKeys: options.secrets.secretKeys, authSecret: options.secrets.authSecret }),
      )
    : null;
  const imageChecks = registerImageChecks(ctx, settings.imageChecks ?? DEFAULT_IMAGE_CHECKS, box);

  return {
    app,
    ctx,
    deliveries,
    imageChecks,
    async drain(timeoutMs) {
      draining = true;
      stopTimers();
      imageChecks.stop();
      for (const session of sessions.all())
        session.close(CLOSE_CODES.gatewayRestarting, 'gateway restarting');
      const flushed = await writer.drain(timeoutMs);
      if (!flushed) app.log.warn('drain timed out with batches still in flight; agents will resend them');
      await sessions.stop();
      await app.close();
      await pool.end();
      await db.end();
    },
  };
}

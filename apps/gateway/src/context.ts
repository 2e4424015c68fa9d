import type { Bus } from '@berth/bus';
import type { TrustProxy } from '@berth/config';
import type { SessionLimits } from '@berth/protocol';
import type pg from 'pg';
import type { SessionRegistry } from './agents/session-registry.js';
import type { IngestWriter } from './ingest/ingest-writer.js';
import type { GatewayLogger } from './logger.js';
import type { GatewayMetrics } from './metrics.js';

export type AgentSettings = {
  batchMs: number;
  pingMs: number;
  limits: SessionLimits;
  /** The agent version hosts should run (BERTH_AGENT_VERSION); announced in welcome for `update`. */
  currentAgentVersion: string;
  helloTimeoutMs: number;
  /**
   * Milliseconds between runs of the rollup job (ROLLUP_INTERVAL_S); 0: this instance does not
   * run it. Optional so callers that build settings by hand keep the default (10 s).
   */
  rollupMs?: number;
  /**
   * Image update checks (IMAGE_CHECK_*): the default interval per reference in seconds, and the
   * milliseconds between this gateway's sweeps for due checks (0: none). Optional like rollupMs.
   */
  imageChecks?: ImageCheckSettings;
};

export type ImageCheckSettings = {
  intervalS: number;
  sweepMs: number;
  /** How long a host has to answer before another may take the check (default 2 min). */
  leaseMs?: number;
};

/** The ingest writer's tuning (INGEST_*): its connections, rows per transaction, queued rows. */
export type IngestSettings = { connections: number; rowsPerTx: number; queueRows: number };

/** Everything a request or socket handler needs; built once in app.ts. */
export type GatewayContext = {
  gatewayId: string;
  settings: AgentSettings;
  ingest: IngestSettings;
  /**
   * Hellos, enrolment, presence, authentication and the sweeps. Apart from `pool` so that a
   * fleet reconnecting at once queues its hellos here, not ahead of the ingest writer.
   */
  db: pg.Pool;
  /** The ingest writer's connections (INGEST_CONNECTIONS) and one for action delivery and /readyz. */
  pool: pg.Pool;
  bus: Bus;
  writer: IngestWriter;
  sessions: SessionRegistry;
  log: GatewayLogger;
  metrics: GatewayMetrics;
  /** Who may name the client in X-Forwarded-For (TRUST_PROXY). */
  trustProxy: TrustProxy;
};

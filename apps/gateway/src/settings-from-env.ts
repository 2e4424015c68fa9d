import type { GatewayEnv } from '@berth/config';
import type { GatewayOptions } from './app.js';

export type GatewaySettingsEnv = Pick<
  GatewayEnv,
  | 'AGENT_INTERVAL_S'
  | 'AGENT_PING_S'
  | 'AGENT_MAX_FRAME_BYTES'
  | 'AGENT_MAX_ITEMS_PER_BATCH'
  | 'AGENT_MAX_FRAMES_PER_S'
  | 'AGENT_MAX_UNACKED'
  | 'BERTH_AGENT_VERSION'
  | 'INGEST_CONNECTIONS'
  | 'INGEST_ROWS_PER_TX'
  | 'INGEST_QUEUE_ROWS'
  | 'ROLLUP_INTERVAL_S'
  | 'IMAGE_CHECK_INTERVAL_S'
  | 'IMAGE_CHECK_SWEEP_S'
  | 'TRUST_PROXY'
>;

/**
 * The gateway's settings from its environment (parsed by @berth/config): the one mapping,
 * used by server.ts and by embedded mode, so a variable cannot work in one and not the other.
 */
export function gatewaySettingsFromEnv(
  env: GatewaySettingsEnv,
): Required<Pick<GatewayOptions, 'settings' | 'ingest' | 'trustProxy'>> {
  return {
    settings: {
      batchMs: env.AGENT_INTERVAL_S * 1000,
      pingMs: env.AGENT_PING_S * 1000,
      limits: {
        maxFrameBytes: env.AGENT_MAX_FRAME_BYTES,
        maxItemsPerBatch: env.AGENT_MAX_ITEMS_PER_BATCH,
        maxFramesPerSecond: env.AGENT_MAX_FRAMES_PER_S,
        maxUnackedBatches: env.AGENT_MAX_UNACKED,
      },
      currentAgentVersion: env.BERTH_AGENT_VERSION,
      rollupMs: env.ROLLUP_INTERVAL_S * 1000,
      imageChecks: {
        intervalS: env.IMAGE_CHECK_INTERVAL_S,
        sweepMs: env.IMAGE_CHECK_SWEEP_S * 1000,
      },
    },
    ingest: {
      connections: env.INGEST_CONNECTIONS,
      rowsPerTx: env.INGEST_ROWS_PER_TX,
      queueRows: env.INGEST_QUEUE_ROWS,
    },
    trustProxy: env.TRUST_PROXY,
  };
}

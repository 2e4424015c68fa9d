import type { ApiEnv } from '@berth/config';
import type { ApiSettings } from './context.js';

export type ApiSettingsEnv = Pick<
  ApiEnv,
  | 'NODE_ENV'
  | 'TRUST_PROXY'
  | 'CONSOLE_ORIGIN'
  | 'BERTH_PUBLIC_URL'
  | 'GATEWAY_PUBLIC_URL'
  | 'SMTP_URL'
  | 'MAIL_FROM'
  | 'BERTH_AGENT_VERSION'
  | 'SECRETS_KEYS'
  | 'NOTIFY_ALLOW_PRIVATE_TARGETS'
  | 'EXEC_IDLE_TIMEOUT_S'
  | 'EXEC_MAX_DURATION_S'
  | 'EXEC_TICKET_TTL_S'
  | 'EXEC_ORPHAN_AFTER_S'
  | 'EXEC_TRANSCRIPT_MAX_BYTES'
  | 'PROMETHEUS_MAX_SERIES'
>;

/**
 * The API's settings from its environment (parsed by @berth/config): the one mapping, used by
 * server.ts and by embedded mode, so a variable cannot work in one and not the other. What is
 * not a variable there comes in `runtime`: the session secret (embedded mode generates and
 * keeps one) and where agents reach the gateway when GATEWAY_PUBLIC_URL is unset (default:
 * BERTH_PUBLIC_URL, behind a proxy that routes /agent/v1).
 */
export function apiSettingsFromEnv(
  env: ApiSettingsEnv,
  runtime: {
    authSecret: string;
    gatewayUrl?: string | undefined;
    /** Embedded mode lets channels reach its own network unless told otherwise. */
    notifyAllowPrivateTargetsByDefault?: boolean;
  },
): ApiSettings {
  return {
    trustProxy: env.TRUST_PROXY,
    authSecret: runtime.authSecret,
    consoleOrigin: env.CONSOLE_ORIGIN ?? new URL(env.BERTH_PUBLIC_URL).origin,
    publicUrl: env.BERTH_PUBLIC_URL,
    gatewayUrl: env.GATEWAY_PUBLIC_URL ?? runtime.gatewayUrl ?? env.BERTH_PUBLIC_URL,
    production: env.NODE_ENV === 'production',
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    currentAgentVersion: env.BERTH_AGENT_VERSION,
    secretKeys: env.SECRETS_KEYS,
    notifyAllowPrivateTargets:
      env.NOTIFY_ALLOW_PRIVATE_TARGETS ?? runtime.notifyAllowPrivateTargetsByDefault ?? false,
    exec: {
      idleTimeoutS: env.EXEC_IDLE_TIMEOUT_S,
      maxDurationS: env.EXEC_MAX_DURATION_S,
      ticketTtlS: env.EXEC_TICKET_TTL_S,
      orphanAfterS: env.EXEC_ORPHAN_AFTER_S,
      transcriptMaxBytes: env.EXEC_TRANSCRIPT_MAX_BYTES,
    },

    prometheusMaxSeries: env.PROMETHEUS_MAX_SERIES,
  };
}

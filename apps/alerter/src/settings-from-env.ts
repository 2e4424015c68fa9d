import type { AlerterEnv } from '@berth/config';
import type { AlerterSettings } from './app.js';

export type AlerterSettingsEnv = Pick<
  AlerterEnv,
  | 'ALERTER_PASS_INTERVAL_S'
  | 'ALERTER_DELIVERY_INTERVAL_S'
  | 'ALERTER_EVENT_WINDOW_MS'
  | 'ALERTER_TRACE_STAGES'
  | 'ALERTER_LEASE_S'
  | 'ALERTER_MAX_ATTEMPTS'
  | 'ALERTER_HEARTBEAT_FILE'
  | 'AGENT_INTERVAL_S'
  | 'BERTH_AGENT_VERSION'
  | 'BERTH_PUBLIC_URL'
  | 'NOTIFY_ALLOW_PRIVATE_TARGETS'
  | 'SMTP_URL'
  | 'MAIL_FROM'
  | 'SECRETS_KEYS'
  | 'AUTH_SECRET'
>;

/**
 * The alerter's settings from its environment (ZAlerterEnvSchema in @berth/config): the one
 * mapping, used by server.ts and by embedded mode, so a variable cannot work in one and not
 * the other.
 */
export function alerterSettingsFromEnv(env: AlerterSettingsEnv): AlerterSettings {
  return {
    passMs: env.ALERTER_PASS_INTERVAL_S * 1000,
    deliveryMs: env.ALERTER_DELIVERY_INTERVAL_S * 1000,
    eventWindowMs: env.ALERTER_EVENT_WINDOW_MS,
    traceStages: env.ALERTER_TRACE_STAGES ?? false,
    leaseMs: env.ALERTER_LEASE_S * 1000,
    maxAttempts: env.ALERTER_MAX_ATTEMPTS,
    heartbeatFile: env.ALERTER_HEARTBEAT_FILE ?? null,
    agentIntervalMs: env.AGENT_INTERVAL_S * 1000,
    shippedAgentVersion: env.BERTH_AGENT_VERSION,
    publicUrl: env.BERTH_PUBLIC_URL,
    allowPrivateTargets: env.NOTIFY_ALLOW_PRIVATE_TARGETS ?? false,
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null,
    secretKeys: env.SECRETS_KEYS,
    authSecret: env.AUTH_SECRET,
  };
}

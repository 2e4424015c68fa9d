import { ZLogLevelSchema, ZServerEnvSchema } from '@berth/config';
import { z } from 'zod';
import type { AlerterSettings } from './app.js';

const seconds = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/**
 * The alerter's environment: the server variables (database, Redis, AUTH_SECRET / SECRETS_KEYS
 * to open channels' sealed secrets, BERTH_AGENT_VERSION for agent_outdated) plus its own.
 */
export const ZAlerterEnvSchema = ZServerEnvSchema.extend({
  LOG_LEVEL: ZLogLevelSchema.default('info'),
  /** The periodic pass: for-elapsed, no data, host offline, agent outdated, log patterns. */
  ALERTER_PASS_INTERVAL_S: seconds(15, 1, 600),
  /** How often due notification groups are flushed and due deliveries claimed. */
  ALERTER_DELIVERY_INTERVAL_S: seconds(2, 1, 60),
  /** Delivery attempts before a retryable failure counts as failed. */
  ALERTER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** The agents' batch interval (the gateway's AGENT_INTERVAL_S): host_offline counts missed ones. */
  AGENT_INTERVAL_S: seconds(10, 1, 3600),
  /** As the API's: whether channels may point at loopback and private addresses. */
  NOTIFY_ALLOW_PRIVATE_TARGETS: booleanFlag.optional(),
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Berth <no-reply@berth.local>'),
});
export type AlerterEnv = z.infer<typeof ZAlerterEnvSchema>;

export type AlerterSettingsEnv = Pick<
  AlerterEnv,
  | 'ALERTER_PASS_INTERVAL_S'
  | 'ALERTER_DELIVERY_INTERVAL_S'
  | 'ALERTER_MAX_ATTEMPTS'
  | 'AGENT_INTERVAL_S'
  | 'BERTH_AGENT_VERSION'
  | 'BERTH_PUBLIC_URL'
  | 'NOTIFY_ALLOW_PRIVATE_TARGETS'
  | 'SMTP_URL'
  | 'MAIL_FROM'
  | 'SECRETS_KEYS'
  | 'AUTH_SECRET'
>;

/** The one mapping of the environment to settings: server.ts and embedded mode both use it. */
export function alerterSettingsFromEnv(env: AlerterSettingsEnv): AlerterSettings {
  return {
    passMs: env.ALERTER_PASS_INTERVAL_S * 1000,
    deliveryMs: env.ALERTER_DELIVERY_INTERVAL_S * 1000,
    maxAttempts: env.ALERTER_MAX_ATTEMPTS,
    agentIntervalMs: env.AGENT_INTERVAL_S * 1000,
    shippedAgentVersion: env.BERTH_AGENT_VERSION,
    publicUrl: env.BERTH_PUBLIC_URL,
    allowPrivateTargets: env.NOTIFY_ALLOW_PRIVATE_TARGETS ?? false,
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null,
    secretKeys: env.SECRETS_KEYS,
    authSecret: env.AUTH_SECRET,
  };
}

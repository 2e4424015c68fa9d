import { z } from 'zod';
import { AGENT_RELEASE_VERSION } from './agent-release.js';
import { ZTrustProxySchema } from './client-address/trust-proxy.js';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

const redisUrl = z
  .string()
  .url()
  .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL');

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/**
 * `id:base64,id:base64` — 32-byte keys (`openssl rand -base64 32`) that encrypt secrets at rest
 * (channel URLs and tokens, registry passwords); the first encrypts, all decrypt.
 */
export const ZSecretsKeysSchema = z.string().transform((value, ctx) => {
  const keys: { id: string; key: Buffer }[] = [];
  for (const [index, entry] of value
    .split(',')
    .map((part) => part.trim())
    .entries()) {
    const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(entry);
    const key = match?.[2] ? Buffer.from(match[2], 'base64') : undefined;
    if (!match?.[1] || !key || key.length !== 32) {
      ctx.addIssue({
        code: 'custom',
        message: `entry ${index + 1} must be id:<base64 of 32 bytes> (openssl rand -base64 32)`,
      });
      return z.NEVER;
    }
    if (keys.some((k) => k.id === match[1])) {
      ctx.addIssue({ code: 'custom', message: `key id ${match[1]} is listed twice` });
      return z.NEVER;
    }
    keys.push({ id: match[1], key });
  }
  return keys;
});

export const ZLogLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Variables every server process understands. */
export const ZServerEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: ZLogLevelSchema.default('info'),
  /** Runtime role: subject to row-level security. */
  DATABASE_URL: postgresUrl,
  /** Owner role, used only by migrations and partition maintenance; falls back to DATABASE_URL. */
  DATABASE_ADMIN_URL: postgresUrl.optional(),
  /** Unset means the in-process bus (embedded mode, single process). */
  REDIS_URL: redisUrl.optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (use `openssl rand -base64 32`)'),
  BERTH_PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  WEB_PORT: port(3000),
  API_PORT: port(3001),
  GATEWAY_PORT: port(3002),
  HOST: z.string().default('0.0.0.0'),
  /**
   * The agent version hosts should run: announced in `welcome`, compared with each host's
   * version by the API (outdated agents may be updated). Defaults to the agent this release
   * ships; set it when serving another agent bundle or image tag.
   */
  BERTH_AGENT_VERSION: z
    .string()
    .regex(
      /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/,
      'expected a semantic version like 1.2.3',
    )
    .default(AGENT_RELEASE_VERSION),
  /**
   * Who may say who the client is in X-Forwarded-For (client addresses feed rate limits, the
   * sign-in throttle and the audit log): unset = nobody, the socket's peer is the client; a
   * number = that many proxies in front (1 behind Caddy or an Ingress); or a comma-separated
   * list of proxy addresses/CIDRs (names: loopback, private, linklocal). See docs/self-hosting.md.
   */
  TRUST_PROXY: ZTrustProxySchema,
  /**
   * Keys for secrets at rest (ZSecretsKeysSchema). Unset: one key derived from AUTH_SECRET, so
   * set this (listing `auth:` + the derived key, see docs/self-hosting.md) before rotating AUTH_SECRET.
   */
  SECRETS_KEYS: ZSecretsKeysSchema.optional(),
});
export type ServerEnv = z.infer<typeof ZServerEnvSchema>;

/** Migration runner: needs only an owner connection. */
export const ZMigrateEnvSchema = z
  .object({
    DATABASE_ADMIN_URL: postgresUrl.optional(),
    DATABASE_URL: postgresUrl.optional(),
    /** Name of the runtime role the migrations grant DML to. */
    BERTH_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
      .default('berth_app'),
    BERTH_APP_PASSWORD: z.string().min(1).optional(),
  })
  .refine((env) => env.DATABASE_ADMIN_URL ?? env.DATABASE_URL, {
    message: 'set DATABASE_ADMIN_URL (or DATABASE_URL) to the owner connection',
    path: ['DATABASE_ADMIN_URL'],
  });
export type MigrateEnv = z.infer<typeof ZMigrateEnvSchema>;

const seconds = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Agent-session and ingest tuning: the gateway's own variables (embedded mode reads them too). */
const gatewayFields = {
  /** Stable id of this instance in presence keys; defaults to hostname-pid. */
  GATEWAY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only')
    .optional(),
  /** Agents' batch interval announced in welcome. */
  AGENT_INTERVAL_S: seconds(10, 1, 3600),
  AGENT_PING_S: seconds(30, 5, 600),
  /** Limits announced to agents; they can only be lowered below the protocol's maxima. */
  AGENT_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(4 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  AGENT_MAX_ITEMS_PER_BATCH: z.coerce.number().int().min(10).max(20_000).default(20_000),
  AGENT_MAX_FRAMES_PER_S: z.coerce.number().int().min(1).max(50).default(20),
  AGENT_MAX_UNACKED: z.coerce.number().int().min(1).max(16).default(8),
  /** Connections the ingest writer pipelines transactions over. */
  INGEST_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(4),
  /** Rows per ingest transaction before another group is started. */
  INGEST_ROWS_PER_TX: z.coerce.number().int().min(100).max(200_000).default(20_000),
  /** Rows queued in memory before sockets are paused (back-pressure). */
  INGEST_QUEUE_ROWS: z.coerce.number().int().min(1000).max(5_000_000).default(200_000),
  /** Seconds SIGTERM waits for in-flight transactions before exiting. */
  DRAIN_TIMEOUT_S: seconds(20, 1, 600),
  /**
   * Seconds between runs of the rollup job (1-minute and 1-hour rollups of settled minutes);
   * 0 leaves it to other instances. Readings assume ≤ 30 (see latest-readings in packages/db).
   */
  ROLLUP_INTERVAL_S: seconds(10, 0, 30),
  /**
   * Image updates (docs/image-updates.md): how often each image reference is checked per
   * organisation unless the organisation set its own interval (default 6 h, Docker Hub's quota
   * window), and how often this gateway looks for due checks among its hosts (0: never).
   */
  IMAGE_CHECK_INTERVAL_S: seconds(21_600, 300, 604_800),
  IMAGE_CHECK_SWEEP_S: seconds(60, 0, 3600),
};

/** The gateway: server variables plus agent-session and ingest tuning. */
export const ZGatewayEnvSchema = ZServerEnvSchema.extend(gatewayFields);
export type GatewayEnv = z.infer<typeof ZGatewayEnvSchema>;

/** The alerter's own variables (embedded mode reads them too). */
const alerterFields = {
  /** The periodic pass: for elapsed, no data, host offline, agent outdated, log patterns. */
  ALERTER_PASS_INTERVAL_S: seconds(15, 1, 600),
  /** How often due notification groups are flushed and due deliveries claimed. */
  ALERTER_DELIVERY_INTERVAL_S: seconds(2, 1, 60),
  /**
   * Milliseconds: an organisation's rules are evaluated for host events at most this often,
   * unless an event is urgent (a container's state, a host's presence, a check down); samples
   * and log lines of a faster stream wait for the window's end. 0: every event at once.
   */
  ALERTER_EVENT_WINDOW_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  /**
   * 1: log each firing's stages (event heard, evaluation started, read, transition committed;
   * a delivery's claim and answer) as `stage` lines, epoch ms — for bench:alerts, not production.
   */
  ALERTER_TRACE_STAGES: booleanFlag.optional(),
  /**
   * How long a replica's claim holds when it dies without giving it back: a delivery being
   * sent (above the 10 s send timeout), an organisation's periodic pass, and the replica's
   * heartbeat in the set that splits host events (renewed every third of it). Another
   * replica takes the work over once it ran out.
   */
  ALERTER_LEASE_S: seconds(60, 15, 3600),
  /** Delivery attempts before a retryable failure counts as failed. */
  ALERTER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** The agents' batch interval (the gateway's): host_offline counts missed ones. */
  AGENT_INTERVAL_S: gatewayFields.AGENT_INTERVAL_S,
  /**
   * A file the alerter touches after each successful periodic pass and delivery round: it
   * listens on no port, so container health checks look at this file's age instead.
   */
  ALERTER_HEARTBEAT_FILE: z.string().min(1).optional(),
};

/** The API: server variables plus console origin, mail and single sign-on. */
export const ZApiEnvSchema = ZServerEnvSchema.extend({
  /** Origin of the web console (CORS, CSRF); defaults to BERTH_PUBLIC_URL's origin. */
  CONSOLE_ORIGIN: z.string().url().optional(),
  /** Where agents reach the gateway; defaults to BERTH_PUBLIC_URL (a proxy routes /agent/v1). */
  GATEWAY_PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port or smtps://…; unset prints links to the log (embedded mode). */
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Berth <no-reply@berth.local>'),
  /**
   * Whether notification channels may point at loopback, private and link-local addresses
   * (docs/notifications.md). Default: no — a hosted Berth must not post into its own network;
   * embedded mode and self-hosters notifying services on their LAN set it (embedded: yes).
   */
  NOTIFY_ALLOW_PRIVATE_TARGETS: booleanFlag.optional(),
  /** Exec terminals (docs/exec.md): closed after this long without input, and after this long in all. */
  EXEC_IDLE_TIMEOUT_S: seconds(600, 1, 86_400),
  EXEC_MAX_DURATION_S: seconds(3600, 1, 7 * 86_400),
  /** How long a granted session's one-time socket ticket lives. */
  EXEC_TICKET_TTL_S: seconds(30, 5, 600),
  /**
   * An open session whose relaying API wrote no heartbeat for this long is ended `api_restart`.
   * The floor keeps it three heartbeats (10 s, a third of it when shorter) above a busy database.
   */
  EXEC_ORPHAN_AFTER_S: seconds(45, 15, 86_400),
  /** Output kept per recorded session's transcript; the rest is dropped and marked truncated. */
  EXEC_TRANSCRIPT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(5 * 1024 * 1024),

  /** Series one Prometheus scrape of /api/v1/metrics/prometheus may return (docs/prometheus.md). */
  PROMETHEUS_MAX_SERIES: z.coerce.number().int().min(1).max(100_000_000).default(500_000),
});
export type ApiEnv = z.infer<typeof ZApiEnvSchema>;

/** The alerter: server variables, its own, and the API's mail and notification-target ones. */
export const ZAlerterEnvSchema = ZServerEnvSchema.extend(alerterFields).extend({
  SMTP_URL: ZApiEnvSchema.shape.SMTP_URL,
  MAIL_FROM: ZApiEnvSchema.shape.MAIL_FROM,
  NOTIFY_ALLOW_PRIVATE_TARGETS: ZApiEnvSchema.shape.NOTIFY_ALLOW_PRIVATE_TARGETS,
});
export type AlerterEnv = z.infer<typeof ZAlerterEnvSchema>;

/**
 * Embedded mode: nothing is required; what is set overrides the embedded services. It runs
 * the gateway, the API and the alerter, so it reads all their variables.
 */
export const ZEmbeddedEnvSchema = ZApiEnvSchema.extend(gatewayFields)
  .extend(alerterFields)
  .partial({ DATABASE_URL: true, AUTH_SECRET: true })
  .extend({
    BERTH_DATA_DIR: z.string().default('.berth'),
    /** 0 picks any free port; a busy preferred port falls back to a free one too. */
    EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(5433),
    BERTH_LOCAL_AGENT: booleanFlag.default(true),
    /** The Docker engine the local agent reads (default: /var/run/docker.sock). */
    DOCKER_HOST: z.string().min(1).optional(),
  });
export type EmbeddedEnv = z.infer<typeof ZEmbeddedEnvSchema>;

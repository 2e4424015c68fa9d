import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bus } from '@berth/bus';
import type { TrustProxy } from '@berth/config';
import type { Db, SecretBox, SecretKey } from '@berth/db';
import type { FastifyBaseLogger, FastifyInstance, FastifySchema, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access } from './auth/check-access.js';
import type { ExecServerSettings } from './services/exec/exec-rules.js';

export type ApiSettings = {
  authSecret: string;
  /** The console's origin (CORS and CSRF), e.g. https://berth.example.com. */
  consoleOrigin: string;
  /** Where agents and browsers reach Berth (install command, links in e-mails). */
  publicUrl: string;
  /** Where agents reach the gateway (the install command's --server). */
  gatewayUrl: string;
  /** Secure cookies and HSTS when served over https. */
  production: boolean;
  /** smtp(s):// URL for invites and password resets; unset logs the links instead (embedded mode). */
  smtpUrl?: string | undefined;
  /** The From header of Berth's e-mails. */
  mailFrom: string;
  /** The agent version hosts should run (BERTH_AGENT_VERSION); default: the one this release ships. */
  currentAgentVersion?: string | undefined;
  /** Who may name the client in X-Forwarded-For (TRUST_PROXY); default: nobody. */
  trustProxy?: TrustProxy | undefined;
  /** SECRETS_KEYS: keys for secrets at rest, newest first; unset: derived from authSecret. */
  secretKeys?: readonly SecretKey[] | undefined;
  /** NOTIFY_ALLOW_PRIVATE_TARGETS: channels may reach private addresses (default: no). */
  notifyAllowPrivateTargets?: boolean | undefined;
  /** Exec terminals' server settings (EXEC_* variables; defaults: exec-rules.ts EXEC_DEFAULTS). */
  exec?: ExecServerSettings | undefined;

  /** PROMETHEUS_MAX_SERIES: series one Prometheus scrape may return (default 500,000). */
  prometheusMaxSeries?: number | undefined;
};

/** A registered /api route: who may call it, and its schemas (the contract test checks them). */
export type RouteInfo = { method: string; url: string; access: Access; schema?: FastifySchema | undefined };

export type ApiContext = {
  db: Db;
  bus: Bus;
  settings: ApiSettings;
  /** Seals and opens secrets at rest (channel URLs and tokens), keyed by the settings. */
  secrets: SecretBox;
  log: FastifyBaseLogger;
  /** Every registered route and who may call it (walked by the role-matrix tests). */
  routes: RouteInfo[];
};

export type ApiApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

import { z } from 'zod';
import { ZLabelsResponseSchema } from './common-schemas.js';

const ZCountsSchema = z.object({
  total: z.number(),
  running: z.number(),
  paused: z.number(),
  restarting: z.number(),
  exited: z.number(),
  created: z.number(),
  dead: z.number(),
  removing: z.number(),
});

/** The newest raw host sample of the last 24 hours (null: none). */
export const ZHostReadingSchema = z.object({
  ts: z.iso.datetime(),
  cpuPct: z.number(),
  load1: z.number(),
  memUsed: z.number(),
  memTotal: z.number(),
  diskUsed: z.number(),
  diskTotal: z.number(),
});

export const ZHostSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  hostname: z.string(),
  labels: ZLabelsResponseSchema,
  /** The connection state; a revoked host also has `revokedAt` and never reconnects. */
  status: z.enum(['pending', 'online', 'offline']),
  revokedAt: z.iso.datetime().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  agentVersion: z.string().nullable(),
  /** The agent version hosts should run (BERTH_AGENT_VERSION, announced to agents in welcome). */
  latestAgentVersion: z.string(),
  /** `agentVersion` is known and older than `latestAgentVersion`: an admin may run `update`. */
  agentUpdateAvailable: z.boolean(),
  os: z.string().nullable(),
  kernel: z.string().nullable(),
  arch: z.string().nullable(),
  cpus: z.number().nullable(),
  memTotal: z.number().nullable(),
  dockerVersion: z.string().nullable(),
  capabilities: z.array(z.string()),
  enrollmentTokenId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  /** Containers not removed, by state. */
  containers: ZCountsSchema,
  latest: ZHostReadingSchema.nullable(),
});
export type HostView = z.infer<typeof ZHostSchema>;

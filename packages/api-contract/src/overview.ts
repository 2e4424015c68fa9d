import { z } from 'zod';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

export const ZTopContainerSchema = z.object({
  hostId: ZUuidSchema,
  hostName: z.string(),
  containerId: z.string(),
  name: z.string(),
  cpuPct: z.number(),
  memBytes: z.number(),
  memLimit: z.number(),
  sampledAt: ZIsoDateSchema,
});

export const ZOverviewSchema = z.object({
  /** online/offline/pending count hosts not revoked; revoked ones are counted apart. */
  hosts: z.object({
    total: z.number(),
    online: z.number(),
    offline: z.number(),
    pending: z.number(),
    revoked: z.number(),
  }),
  /** Containers not removed, by state and by health (absent keys: 0). */
  containers: z.object({
    total: z.number(),
    byState: z.record(z.string(), z.number()),
    byHealth: z.record(z.string(), z.number()),
  }),
  /** Ten busiest by the newest 1-minute average of the last ~3 minutes. */
  topCpu: z.array(ZTopContainerSchema),
  topMemory: z.array(ZTopContainerSchema),
  totals: z.object({
    cpus: z.number(),
    memTotal: z.number(),
    hostsReporting: z.number(),
    hostCpuPct: z.number().nullable(),
    hostMemUsed: z.number(),
    containersReporting: z.number(),
    containerCpuPct: z.number(),
    containerMemBytes: z.number(),
  }),
});
export type Overview = z.infer<typeof ZOverviewSchema>;

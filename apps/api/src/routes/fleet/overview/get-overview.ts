import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getOverview } from '../../../services/fleet/get-overview.js';

const ZTopContainerSchema = z.object({
  hostId: z.uuid(),
  hostName: z.string(),
  containerId: z.string(),
  name: z.string(),
  cpuPct: z.number(),
  memBytes: z.number(),
  memLimit: z.number(),
  sampledAt: z.iso.datetime(),
});

const ZOverviewSchema = z.object({
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

/** GET /api/v1/overview — the fleet at a glance. */
export function registerGetOverview(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/overview',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Fleet overview: hosts and containers by status, top 10 by CPU and memory, totals',
        tags: ['overview'],
        response: { 200: ZOverviewSchema },
      },
    },
    async (request) => getOverview(ctx, principalOf(request)),
  );
}

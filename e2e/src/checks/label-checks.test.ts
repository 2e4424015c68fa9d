import {
  docker,
  dockerAvailability,
  ensureBusyboxImage,
  httpdHealthCommand,
  runBusybox,
  stopHttpd,
} from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlWorld, startControlWorld } from '../control/control-world.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';

/** The fields of the API's answers (ZCheckSummarySchema, ZCheckResultsSchema) that this test reads. */
type CheckSummary = {
  id: string;
  name: string;
  kind: string | null;
  status: string;
  statusCode: number | null;
  error: string | null;
  target: string;
  uptime24h: number | null;
  latencyP50Ms: number | null;
};
type CheckResults = { results: { ts: string; status: string }[] };

const availability = await dockerAvailability();
const skipped = availability.ok ? '' : ` (skipped: ${availability.reason})`;

/**
 * The whole path of a label-defined check: busybox httpd in a container whose labels define an
 * HTTP and a TCP check → the agent probes it → batches → gateway → check_results → the API.
 * The checks run every 10 s (the minimum), so a state change shows within one interval.
 */
describe.skipIf(!availability.ok)(`health checks from container labels, agent to API${skipped}`, () => {
  let world: ControlWorld;
  let name: string;
  let port: number;

  beforeAll(async () => {
    world = await startControlWorld('checks');
    await ensureBusyboxImage();
    port = await freePort();
    name = `${world.run.runId}-web`;
    const labels = {
      'berth.check.http': `http://{{ip}}:{{port:${port}}}/health`,
      'berth.check.interval': '10s',
      'berth.check.retries': '0',
      'berth.check.keyword': 'ok',
      'berth.check.port.tcp': `{{ip}}:${port}`,
      'berth.check.port.interval': '10s',
      'berth.check.port.retries': '0',
      'berth.e2e.run': world.run.runId,
    };
    // The engine here has no bridge network: httpd listens on the host's loopback.
    await runBusybox(httpdHealthCommand(port), { network: 'host', name, labels });
  }, 120_000);
  afterAll(async () => {
    await docker('rm', '-f', name).catch(() => undefined);
    await world?.close();
  });

  async function checks(): Promise<CheckSummary[]> {
    const response = await world.call('GET', `/api/v1/checks?containerName=${encodeURIComponent(name)}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: CheckSummary[] }).items;
  }
  const statuses = (items: CheckSummary[]) => items.map((item) => `${item.name}:${item.status}`).join(' ');

  it('reports both checks up with latency and uptime, then down with the reason when httpd stops', async () => {
    const up = await waitFor(
      async () => {
        const items = await checks();
        return statuses(items) === 'default:up port:up' ? items : undefined;
      },
      { what: 'both checks up in the API', timeoutMs: 60_000 },
    );
    const [http, tcp] = up;
    expect(http).toMatchObject({
      kind: 'http',
      statusCode: 200,
      target: `http://127.0.0.1:${port}/health`,
      uptime24h: 100,
      error: null,
    });
    expect(http?.latencyP50Ms).toBeGreaterThanOrEqual(0);
    expect(tcp).toMatchObject({ kind: 'tcp', target: `127.0.0.1:${port}` });

    await stopHttpd({ id: name });
    const down = await waitFor(
      async () => {
        const items = await checks();
        return statuses(items) === 'default:down port:down' ? items : undefined;
      },
      { what: 'both checks down in the API', timeoutMs: 60_000 },
    );
    expect(down[0]).toMatchObject({ error: 'connection refused', statusCode: null });
    expect(down[0]?.uptime24h).toBeLessThan(100);

    const response = await world.call('GET', `/api/v1/checks/${down[0]?.id}/results`);
    expect(response.status).toBe(200);
    const series = (await response.json()) as CheckResults;
    const runs = series.results.map((result) => result.status);
    expect(runs.at(0)).toBe('up');
    expect(runs.at(-1)).toBe('down');
    // Each run once: no two results of the check share a time.
    expect(new Set(series.results.map((result) => result.ts)).size).toBe(series.results.length);
  });
});

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  docker,
  dockerAvailability,
  ensureBusyboxImage,
  httpdHealthCommand,
  runBusybox,
} from '@berth/test-docker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlWorld, startControlWorld } from '../control/control-world.js';
import { freePort } from '../support/free-port.js';
import { agentOptions, agentStreaming, startAgent } from '../support/start-agent.js';
import { startGateway } from '../support/start-gateway.js';
import { waitFor } from '../support/wait-for.js';

const availability = await dockerAvailability();
const skipped = availability.ok ? '' : ` (skipped: ${availability.reason})`;

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A check defined through the API reaches the real agent: the API bumps the host's config version
 * and nudges the gateway, the gateway pushes `config`, the agent persists it, runs it and acks the
 * version, and its results land in check_results under host + container name + check name. Then
 * the agent restarts while the gateway is down: the persisted check runs without a connection, and
 * its results arrive once the gateway is back.
 */
describe.skipIf(!availability.ok)(`health checks defined in the API, pushed to the agent${skipped}`, () => {
  let world: ControlWorld;
  let name: string;
  let port: number;

  beforeAll(async () => {
    world = await startControlWorld('cfgchecks');
    await ensureBusyboxImage();
    port = await freePort();
    name = `${world.run.runId}-api`;
    // No berth.check.* labels: the check comes from the API alone.
    await runBusybox(httpdHealthCommand(port), {
      network: 'host',
      name,
      labels: { 'berth.e2e.run': world.run.runId },
    });
  }, 120_000);
  afterAll(async () => {
    await docker('rm', '-f', name).catch(() => undefined);
    await world?.close();
  });

  const versions = async () =>
    (
      await query<{ version: string; acked: string }>(
        world.run.database.adminUrl,
        'SELECT config_version::text AS version, config_acked_version::text AS acked FROM hosts WHERE id = $1',
        [world.hostId],
      )
    )[0];
  const storedRuns = (from: Date, to: Date) =>
    query<{ status: string; target: string }>(
      world.run.database.adminUrl,
      `SELECT status, target FROM check_results
       WHERE host_id = $1 AND container_name = $2 AND check_name = 'health' AND ts >= $3 AND ts < $4 ORDER BY ts`,
      [world.hostId, name, from, to],
    );

  it('is pushed, persisted and acked, its runs are stored, and it runs from the persisted copy after a restart without the gateway', async () => {
    const created = await world.call('POST', '/api/v1/check-definitions', {
      hostId: world.hostId,
      containerName: name,
      name: 'health',
      spec: {
        kind: 'http',
        target: `http://{{ip}}:{{port:${port}}}/health`,
        intervalS: 10,
        retries: 0,
        http: { keyword: { mode: 'contains', value: 'ok' } },
      },
    });
    expect(created.status).toBe(201);

    await waitFor(async () => (await versions())?.acked === '1', {
      what: 'the agent to ack config version 1',
      timeoutMs: 30_000,
    });
    expect(world.agent.records('check config applied').at(-1)).toMatchObject({ version: 1, checks: 1 });
    const persisted = JSON.parse(await readFile(path.join(world.run.stateDir, 'check-config.json'), 'utf8'));
    expect(persisted).toMatchObject({
      type: 'config',
      version: 1,
      checks: [{ containerName: name, name: 'health' }],
    });

    const up = await waitFor(
      async () => {
        const response = await world.call('GET', `/api/v1/checks?containerName=${encodeURIComponent(name)}`);
        const items = (
          (await response.json()) as { items: { name: string; status: string; target: string }[] }
        ).items;
        return items.find((item) => item.name === 'health' && item.status === 'up');
      },
      { what: 'the pushed check up in the API', timeoutMs: 60_000 },
    );
    expect(up.target).toBe(`http://127.0.0.1:${port}/health`);

    // The gateway goes away, then the agent restarts: it has only its state directory.
    await world.gateway.kill();
    await world.agent.stop();
    const restartedAt = new Date();
    const agent = await startAgent({ ...agentOptions(world.run), name: 'agent-restarted' });
    expect(agent.records('persisted check config applied')).toEqual([
      expect.objectContaining({ version: 1, checks: 1 }),
    ]);
    await waitFor(() => agent.records('batch spooled').some((record) => Number(record.checkResults) > 0), {
      what: 'the restarted agent to spool a check result while the gateway is down',
      timeoutMs: 30_000,
    });
    const gatewayBackAt = new Date();
    await startGateway({
      databaseUrl: world.run.database.appUrl,
      port: world.run.port,
      logDir: world.run.logDir,
      name: 'gateway-2',
      env: { REDIS_URL: 'redis://127.0.0.1:6379' },
    });
    await agentStreaming(agent);
    const offline = await waitFor(
      async () => {
        const runs = await storedRuns(restartedAt, gatewayBackAt);
        return runs.length > 0 ? runs : undefined;
      },
      { what: 'the runs made while the gateway was down to be stored', timeoutMs: 30_000 },
    );
    expect(offline.at(-1)).toEqual({ status: 'up', target: `http://127.0.0.1:${port}/health` });
    expect(existsSync(path.join(world.run.stateDir, 'check-config.json'))).toBe(true);
  });
});

import {
  BUSYBOX_IMAGE,
  docker,
  dockerAvailability,
  ensureBusyboxImage,
  TEST_LABEL,
} from '@berth/test-docker';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultRun, type FaultRun } from '../support/fault-run.js';
import { finishAndCount } from '../support/finish-and-count.js';
import { agentHostId, agentOptions, agentStreaming, startAgent } from '../support/start-agent.js';
import { startGateway } from '../support/start-gateway.js';
import { waitFor } from '../support/wait-for.js';

const availability = await dockerAvailability();
const skipped = availability.ok ? '' : ` (skipped: ${availability.reason})`;

async function query<T extends pg.QueryResultRow>(
  adminUrl: string,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Auto-restart is decided by the agent alone (docs/autoheal.md): with the gateway gone, a
 * crashing container is still restarted with backoff and given up on, and the attempts reach the
 * database after the gateway is back — as container events and audit rows, each exactly once.
 */
describe.skipIf(!availability.ok)(`fault: auto-restart while the gateway is down${skipped}`, () => {
  let run: FaultRun | undefined;
  afterEach(async (context) => {
    await run?.cleanup({ keepLogs: context.task.result?.state === 'fail' });
    run = undefined;
  });

  it('heals a crashing container without the gateway; the attempts arrive after reconnect, each once', async () => {
    await ensureBusyboxImage();
    run = await createFaultRun('autoheal-offline');
    const gatewayOptions = { databaseUrl: run.database.appUrl, port: run.port, logDir: run.logDir };
    const gateway1 = await startGateway({ ...gatewayOptions, name: 'gateway-1' });
    const agent = await startAgent({ ...agentOptions(run), name: 'agent' });
    const hostId = await agentHostId(agent);
    await agentStreaming(agent);

    const cutAt = agent.lines.length;
    await gateway1.kill();
    await waitFor(() => agent.records('connection streaming → backing_off', cutAt).length > 0, {
      what: 'the agent to notice the gateway is gone',
    });
    const id = await docker(
      'run',
      '-d',
      '--network',
      'none',
      '--label',
      TEST_LABEL,
      '--label',
      `berth.e2e.run=${run.runId}`,
      '--label',
      'berth.autoheal=on-failure',
      '--label',
      'berth.autoheal.backoff=1s',
      '--label',
      'berth.autoheal.max_attempts=2',
      BUSYBOX_IMAGE,
      'sh',
      '-c',
      'exit 1',
    );
    await waitFor(
      () =>
        agent
          .records('auto-restart gave up: the container is crash-looping', cutAt)
          .some((record) => record.containerId === id),
      { what: 'auto-restart to give up on the crashing container', timeoutMs: 30_000 },
    );
    const restarts = agent
      .records('auto-restart restarted a container', cutAt)
      .filter((record) => record.containerId === id);
    expect(restarts.map((record) => [record.attempt, record.outcome])).toEqual([
      [1, 'started'],
      [2, 'started'],
    ]);

    const gateway2 = await startGateway({ ...gatewayOptions, name: 'gateway-2' });
    await agentStreaming(agent, cutAt);
    const { stored } = await finishAndCount(run, hostId, [agent]);
    expect(stored.gaps).toEqual([]);
    expect(gateway2.running).toBe(true);

    const shortId = id.slice(0, 12);
    const events = await query<{ action: string; actor: string; attempt: string | null }>(
      run.database.adminUrl,
      `SELECT action, attributes->>'actor' AS actor, attributes->>'attempt' AS attempt FROM container_events
       WHERE host_id = $1 AND container_id = $2 AND action LIKE 'autoheal%' ORDER BY ts, action DESC`,
      [hostId, shortId],
    );
    expect(events).toEqual([
      { action: 'autoheal_restart', actor: 'auto-restart', attempt: '1' },
      { action: 'autoheal_restart', actor: 'auto-restart', attempt: '2' },
      { action: 'autoheal_gave_up', actor: 'auto-restart', attempt: null },
    ]);
    const audit = await query<{ action: string; reason: string }>(
      run.database.adminUrl,
      `SELECT action, details->>'reason' AS reason FROM audit_logs WHERE target_id = $1 ORDER BY created_at, id`,
      [`${hostId}/${shortId}`],
    );
    expect(audit).toEqual([
      { action: 'container.autoheal_restart', reason: 'exited with code 1' },
      { action: 'container.autoheal_restart', reason: 'exited with code 1' },
      { action: 'container.autoheal_gave_up', reason: 'exited with code 1' },
    ]);
  });
});

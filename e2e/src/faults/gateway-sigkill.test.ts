import { dockerAvailability } from '@berth/test-docker';
import { afterEach, describe, expect, it } from 'vitest';
import { blockIngest } from '../support/block-ingest.js';
import { createFaultRun, type FaultRun } from '../support/fault-run.js';
import { finishAndCount } from '../support/finish-and-count.js';
import {
  agentHostId,
  agentOptions,
  agentStreaming,
  spooledBatches,
  startAgent,
} from '../support/start-agent.js';
import { startGateway } from '../support/start-gateway.js';
import { committedSeq } from '../support/stored-rows.js';
import { waitFor } from '../support/wait-for.js';

const docker = await dockerAvailability();
const skipped = docker.ok ? '' : ` (skipped: ${docker.reason})`;

describe.skipIf(!docker.ok)(`fault: gateway killed with SIGKILL mid-stream${skipped}`, () => {
  let run: FaultRun | undefined;
  afterEach(async (context) => {
    await run?.cleanup({ keepLogs: context.task.result?.state === 'fail' });
    run = undefined;
  });

  it('reconnects to the restarted gateway and replays its spool: every row stored exactly once', async () => {
    run = await createFaultRun('gateway-kill');
    const gatewayOptions = { databaseUrl: run.database.appUrl, port: run.port, logDir: run.logDir };
    const gateway1 = await startGateway({ ...gatewayOptions, name: 'gateway-1' });
    const agent = await startAgent({ ...agentOptions(run), name: 'agent' });
    const hostId = await agentHostId(agent);
    await agentStreaming(agent);
    const { adminUrl } = run.database;
    await waitFor(async () => (await committedSeq(adminUrl, hostId)) >= 3, { what: '3 batches committed' });

    // Killed with an ingest transaction open (held up by a row lock), so a batch is in flight.
    const block = await blockIngest(adminUrl, hostId);
    run.onCleanup(() => block.close());
    await waitFor(() => block.ingestWaiting(), { what: 'an ingest transaction waiting on the host lock' });
    const killedAt = agent.lines.length;
    await gateway1.kill();
    await block.close();
    const seqAtKill = await committedSeq(adminUrl, hostId);

    // Down while the agent spools 4 more batches (about 4 s at --interval 1) and backs off.
    await spooledBatches(agent, 4, killedAt);
    const gateway2 = await startGateway({ ...gatewayOptions, name: 'gateway-2' });
    await agentStreaming(agent, killedAt);

    const { produced, stored } = await finishAndCount(run, hostId, [agent]);
    expect(produced.dropped.size).toBe(0);
    expect(stored.gaps).toEqual([]);
    expect(stored.lastSeq - seqAtKill, 'batches committed after the restart').toBeGreaterThan(4);
    expect(agent.records('connection streaming → backing_off', killedAt).length).toBeGreaterThan(0);
    expect(gateway2.running).toBe(true);
  });
});

import { dockerAvailability } from '@berth/test-docker';
import { afterEach, describe, expect, it } from 'vitest';
import { blockIngest } from '../support/block-ingest.js';
import { createFaultRunWith, type FaultRun } from '../support/fault-run.js';
import { finishAndCount } from '../support/finish-and-count.js';
import { type PrivatePostgres, startPrivatePostgres } from '../support/private-postgres.js';
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

describe.skipIf(!docker.ok)(`fault: PostgreSQL restarted during ingest${skipped}`, () => {
  let run: FaultRun<PrivatePostgres> | undefined;
  afterEach(async (context) => {
    await run?.cleanup({ keepLogs: context.task.result?.state === 'fail' });
    run = undefined;
  });

  it('keeps batches unacked while the database is down and commits each once after', async () => {
    // A private server: the machine's PostgreSQL is shared with other tests and must not restart.
    run = await createFaultRunWith('postgres-restart', { database: startPrivatePostgres });
    const postgres = run.database;
    const gateway = await startGateway({ databaseUrl: postgres.appUrl, port: run.port, logDir: run.logDir });
    const agent = await startAgent({ ...agentOptions(run), name: 'agent' });
    const hostId = await agentHostId(agent);
    await agentStreaming(agent);
    await waitFor(async () => (await committedSeq(postgres.adminUrl, hostId)) >= 3, {
      what: '3 batches committed',
    });

    // Stopped while an ingest transaction is under way (held up by a row lock), every time.
    const block = await blockIngest(postgres.adminUrl, hostId);
    run.onCleanup(() => block.close());
    await waitFor(() => block.ingestWaiting(), { what: 'an ingest transaction waiting on the host lock' });
    const gatewayMark = gateway.lines.length;
    await postgres.stop();
    const stoppedAt = agent.lines.length;
    await spooledBatches(agent, 4, stoppedAt);
    await gateway.waitForRecord('ingest transaction failed; retrying', {
      since: gatewayMark,
      timeoutMs: 10_000,
    });
    await postgres.start();

    await finishAndCount(run, hostId, [agent]).then(({ produced, stored }) => {
      expect(produced.dropped.size).toBe(0);
      expect(stored.gaps).toEqual([]);
    });
    const retries = gateway.records('ingest transaction failed; retrying', gatewayMark).length;
    const reconnects = agent.records('connection handshaking → streaming', stoppedAt).length;
    console.info(`[postgres-restart] gateway retries: ${retries}; agent reconnects: ${reconnects}`);
    expect(gateway.running, 'the gateway survived the database restart').toBe(true);
  });
});

import { dockerAvailability } from '@berth/test-docker';
import { afterEach, describe, expect, it } from 'vitest';
import { addCounts, emptyCounts } from '../support/batch-counts.js';
import { createFaultRun, type FaultRun } from '../support/fault-run.js';
import { finishAndCount } from '../support/finish-and-count.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { spooledBytes, waitForEmptySpool } from '../support/spool-dir.js';
import { agentHostId, agentOptions, agentStreaming, startAgent } from '../support/start-agent.js';
import { removeContainers, startContainers } from '../support/start-containers.js';
import { startGateway } from '../support/start-gateway.js';
import { committedSeq } from '../support/stored-rows.js';
import { waitFor } from '../support/wait-for.js';

const docker = await dockerAvailability();
const skipped = docker.ok ? '' : ` (skipped: ${docker.reason})`;
/** The smallest spool the agent accepts (BERTH_SPOOL_MAX_BYTES ≥ 1MiB). */
const SPOOL_MAX = '1MiB';
const SPOOL_MAX_BYTES = 1024 * 1024;
/**
 * Free room at the gateway's restart. Once quiet, batches are 1–4 KB a second, so this outlasts
 * the agent's reconnect backoff (≤ 16 s here) and replay: no batch is dropped while it may be in
 * flight, which the spool allows and which would make a committed seq look dropped.
 */
const HEADROOM_BYTES = 64 * 1024;

describe.skipIf(!docker.ok)(`fault: spool overflow while the gateway is down${skipped}`, () => {
  let run: FaultRun | undefined;
  afterEach(async (context) => {
    await run?.cleanup({ keepLogs: context.task.result?.state === 'fail' });
    run = undefined;
  });

  it('records the dropped batches as ingest gaps and stores everything else exactly once', async () => {
    run = await createFaultRun('spool-overflow');
    const gatewayOptions = { databaseUrl: run.database.appUrl, port: run.port, logDir: run.logDir };
    const { adminUrl } = run.database;
    // Enrolment needs a gateway: a first run enrols and streams a little, then everything stops.
    const gateway1 = await startGateway({ ...gatewayOptions, name: 'gateway-1' });
    const agent1 = await startAgent({ ...agentOptions(run), name: 'agent-1', spoolMaxBytes: SPOOL_MAX });
    const hostId = await agentHostId(agent1);
    await agentStreaming(agent1);
    await waitFor(async () => (await committedSeq(adminUrl, hostId)) >= 2, { what: '2 batches committed' });
    await waitForEmptySpool(run.stateDir);
    expect((await agent1.stop()).code).toBe(0);
    await gateway1.stop();

    // Gateway down, chatty containers on: the 1 MiB spool overflows within seconds.
    const chatty = await startContainers(run.runId, 2, 'chatty');
    const { token: _unused, ...enrolled } = agentOptions(run);
    const agent2 = await startAgent({ ...enrolled, name: 'agent-2', spoolMaxBytes: SPOOL_MAX });
    await droppedAtLeast(agent2, 3);
    // Quiet again, then wait until the next small batch has made room (by dropping a big one).
    await removeContainers(chatty);
    const stateDir = run.stateDir;
    await waitFor(async () => (await spooledBytes(stateDir)) <= SPOOL_MAX_BYTES - HEADROOM_BYTES, {
      what: `${HEADROOM_BYTES} bytes free in the spool`,
      timeoutMs: 60_000,
    });

    await startGateway({ ...gatewayOptions, name: 'gateway-2' });
    const { produced, stored, reconciliation } = await finishAndCount(run, hostId, [agent1, agent2]);
    const gapDropped = stored.gaps.reduce((sum, [, , dropped]) => sum + dropped, 0);
    expect(produced.droppedReported).toBeGreaterThanOrEqual(3);
    expect(produced.dropped.size).toBe(produced.droppedReported);
    expect(gapDropped, 'ingest_gaps.dropped against the agent’s drop reports').toBe(produced.droppedReported);
    expect(reconciliation.gapSeqs).toEqual([...produced.dropped].sort((a, b) => a - b));
    expect(reconciliation.droppedButCommittedSeqs).toEqual([]);

    const all = emptyCounts();
    const lost = emptyCounts();
    for (const [seq, counts] of produced.batches) addCounts(produced.dropped.has(seq) ? lost : all, counts);
    addCounts(all, lost);
    expect(stored.containerSamples).toBe(all.containerSamples - lost.containerSamples);
    expect(stored.logs).toBe(all.logs - lost.logs);
    console.info(
      `[spool-overflow] produced ${JSON.stringify(all)}; dropped ${produced.droppedReported} batches ` +
        `holding ${JSON.stringify(lost)}; gaps ${JSON.stringify(stored.gaps)}`,
    );
  });
});

/** Resolves once the agent has reported dropping at least `count` batches for overflow. */
function droppedAtLeast(agent: ManagedProcess, count: number): Promise<unknown> {
  let dropped = 0;
  return agent.waitForLine(
    (line) => {
      if (line.record?.msg === 'spool full; dropped the oldest batches')
        dropped += Number(line.record.droppedBatches);
      return dropped >= count;
    },
    { what: `${count} batches dropped for overflow`, timeoutMs: 60_000 },
  );
}

import { dockerAvailability } from '@berth/test-docker';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultRun, type FaultRun } from '../support/fault-run.js';
import { finishAndCount } from '../support/finish-and-count.js';
import { pendingSeqs, readSpooledBatches } from '../support/spool-dir.js';
import {
  agentHostId,
  agentOptions,
  agentStreaming,
  spooledBatches,
  startAgent,
} from '../support/start-agent.js';
import { startGateway } from '../support/start-gateway.js';
import { committedSeq } from '../support/stored-rows.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

const docker = await dockerAvailability();
const skipped = docker.ok ? '' : ` (skipped: ${docker.reason})`;

describe.skipIf(!docker.ok)(`fault: agent killed with SIGKILL and restarted${skipped}`, () => {
  let run: FaultRun | undefined;
  afterEach(async (context) => {
    await run?.cleanup({ keepLogs: context.task.result?.state === 'fail' });
    run = undefined;
  });

  it('resends what was spooled before the kill, racing the dead connection, each batch once', async () => {
    run = await createFaultRun('agent-kill');
    await startGateway({ databaseUrl: run.database.appUrl, port: run.port, logDir: run.logDir });
    // A paused proxy holds the agent's last batches in flight, so the kill leaves them unacked.
    const proxy = await TcpProxy.start(run.port);
    const proxied = { ...agentOptions(run), server: `http://127.0.0.1:${proxy.port}` };
    run.onCleanup(() => proxy.close());
    const agent1 = await startAgent({ ...proxied, name: 'agent-1' });
    const hostId = await agentHostId(agent1);
    await agentStreaming(agent1);
    const { adminUrl } = run.database;
    await waitFor(async () => (await committedSeq(adminUrl, hostId)) >= 3, { what: '3 batches committed' });

    proxy.setMode('pause');
    await spooledBatches(agent1, 3, agent1.lines.length);
    await agent1.kill();
    const atKill = await readSpooledBatches(run.stateDir);
    expect(atKill.size, 'batches spooled and unacked at the kill').toBeGreaterThanOrEqual(3);

    // The dead connection's bytes reach the gateway now, while the new agent replays the same seqs.
    proxy.setMode('forward');
    const agent2 = await startAgent({ ...proxied, token: undefined, name: 'agent-2' });
    const welcomed = await agentStreaming(agent2);
    await spooledBatches(agent2, 3, 0);

    const { produced, stored } = await finishAndCount(run, hostId, [agent1, agent2], atKill);
    expect(produced.dropped.size).toBe(0);
    expect(stored.gaps).toEqual([]);
    const firstSeqOfRun2 = Number(agent2.records('batch spooled')[0]?.seq);
    expect(firstSeqOfRun2, 'the restarted agent numbers on after the spooled seqs').toBeGreaterThan(
      Math.max(...atKill.keys()),
    );
    const resumeFrom = welcomed.resumeFromSeq;
    console.info(
      `[agent-kill] unacked at the kill: seqs ${[...atKill.keys()].join(', ')}; resumeFromSeq ${resumeFrom}`,
    );
    expect(await pendingSeqs(run.stateDir)).toEqual([]);
  });
});

import { dockerAvailability } from '@berth/test-docker';
import { afterEach, describe, expect, it } from 'vitest';
import { readE2eEnv } from '../support/e2e-env.js';
import { createFaultRun, type FaultRun } from '../support/fault-run.js';
import { finishAndCount } from '../support/finish-and-count.js';
import { agentHostId, agentOptions, agentStreaming, startAgent } from '../support/start-agent.js';
import { AGENT_PING_S, startGateway } from '../support/start-gateway.js';
import { committedSeq } from '../support/stored-rows.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { delay, waitFor } from '../support/wait-for.js';

const docker = await dockerAvailability();
const skipped = docker.ok ? '' : ` (skipped: ${docker.reason})`;
const { cutoffSeconds } = readE2eEnv();
// The agent pings every AGENT_PING_S and gives up after 3 unanswered: up to 4 intervals.
const DETECTION_S = 4 * AGENT_PING_S;
/** The cut-off itself, plus setup, the reconnect backoff (capped at 30 s) and the replay. */
const TIMEOUT_MS = (cutoffSeconds + 150) * 1000;

describe.skipIf(!docker.ok)(
  `fault: agent cut off for ${cutoffSeconds} s by a black-holing proxy${skipped}`,
  () => {
    let run: FaultRun | undefined;
    afterEach(async (context) => {
      await run?.cleanup({ keepLogs: context.task.result?.state === 'fail' });
      run = undefined;
    });

    it(
      'detects the dead link by ping timeout, reconnects when traffic flows, replays the backlog once',
      async () => {
        if (cutoffSeconds <= DETECTION_S) {
          throw new Error(
            `BERTH_FAULT_CUTOFF_S must exceed ${DETECTION_S} s for a ping timeout to show (got ${cutoffSeconds})`,
          );
        }
        run = await createFaultRun('agent-cut-off');
        const gateway = await startGateway({
          databaseUrl: run.database.appUrl,
          port: run.port,
          logDir: run.logDir,
        });
        const proxy = await TcpProxy.start(run.port);
        run.onCleanup(() => proxy.close());
        const agent = await startAgent({
          ...agentOptions(run),
          server: `http://127.0.0.1:${proxy.port}`,
          name: 'agent',
        });
        const hostId = await agentHostId(agent);
        await agentStreaming(agent);
        const { adminUrl } = run.database;
        await waitFor(async () => (await committedSeq(adminUrl, hostId)) >= 3, {
          what: '3 batches committed',
        });

        // The cut-off is the fault itself, so it lasts a fixed time; everything after waits on events.
        const cutAt = agent.lines.length;
        const gatewayCutAt = gateway.lines.length;
        const seqAtCut = await committedSeq(adminUrl, hostId);
        proxy.setMode('blackhole');
        const started = Date.now();
        await delay(cutoffSeconds * 1000);
        const pingTimeouts = agent.records('gateway stopped answering pings; dropping the socket', cutAt);
        expect(pingTimeouts.length, 'the agent noticed the dead link by its pings').toBeGreaterThan(0);
        expect(await committedSeq(adminUrl, hostId), 'nothing got through the cut').toBe(seqAtCut);
        proxy.setMode('forward');
        const restoredAt = agent.lines.length;
        await agentStreaming(agent, restoredAt, 60_000);
        const reconnectS = (Date.now() - started) / 1000 - cutoffSeconds;

        const { stored } = await finishAndCount(run, hostId, [agent]);
        expect(stored.gaps).toEqual([]);
        const reaped = gateway.records('agent silent for 3 ping intervals: closing', gatewayCutAt).length;
        console.info(
          `[agent-cut-off] cut ${cutoffSeconds} s; backlog committed after it: ${stored.lastSeq - seqAtCut} batches; ` +
            `reconnected ${reconnectS.toFixed(1)} s after traffic flowed again; gateway reaped ${reaped} silent socket(s)`,
        );
      },
      TIMEOUT_MS,
    );
  },
);

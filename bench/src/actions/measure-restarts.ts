import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runBusybox, type TestContainer } from '@berth/test-docker';
import { ownerQuery } from '../shared/bench-database.js';
import { repoPath } from '../shared/repo-path.js';
import { exited, spawnTracked } from '../shared/track-children.js';
import type { BenchApi } from './bench-api.js';
import { restartThroughEngine } from './restart-through-engine.js';

/** Exits at once on SIGTERM (a shell waiting on `sleep` in the foreground would not), so a restart is quick. */
const QUICK_TO_STOP = 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done';
const TIMEOUT_S = 5;

export type RestartSetup = {
  adminUrl: string;
  api: BenchApi;
  orgId: string;
  enrolToken: string;
  gatewayUrl: string;
  restarts: number;
};

export type RestartTimes = {
  /** API request → the live stream shows `succeeded`, through the real agent. */
  berth: number[];
  /** The same restart straight through the Engine API, alternating with Berth's. */
  engine: number[];
  /** What the agent itself reported the restart took (its startedAt → finishedAt). */
  inAgent: number[];
  /** Stages from the stored times: queued → sent (delivery), sent → running, finished → seen on the stream. */
  stages: { delivered: number[]; running: number[]; reported: number[] };
};

/** The real agent process on a real container: restarts through Berth and through the engine, alternately. */
export async function measureRestarts(setup: RestartSetup): Promise<RestartTimes> {
  const agentMain = repoPath('apps/agent/dist/main.js');
  if (!existsSync(agentMain))
    throw new Error(`${agentMain} is missing: npx turbo run build --filter=@berth/agent`);
  const stateDir = await mkdtemp(path.join(tmpdir(), 'berth-bench-actions-agent-'));
  let container: TestContainer | undefined;
  const agent = spawnTracked(
    process.execPath,
    [
      agentMain,
      ...['--server', setup.gatewayUrl, '--token', setup.enrolToken, '--state-dir', stateDir],
      ...['--interval', '2', '--log-level', 'warn'],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  try {
    container = await runBusybox(QUICK_TO_STOP, { labels: { 'berth.bench': 'actions' } });
    const hostId = await waitForContainerRow(setup.adminUrl, setup.orgId, container.shortId);
    const url = `/api/v1/hosts/${hostId}/containers/${container.shortId}/actions`;
    const times: RestartTimes = {
      berth: [],
      engine: [],
      inAgent: [],
      stages: { delivered: [], running: [], reported: [] },
    };
    for (let i = 0; i < setup.restarts; i += 1) {
      const throughEngine = async () =>
        times.engine.push(await restartThroughEngine(container?.id ?? '', TIMEOUT_S));
      const throughBerth = async () => {
        const { id, sentAt } = await setup.api.queue(setup.orgId, url, {
          verb: 'restart',
          timeoutS: TIMEOUT_S,
        });
        const result = await setup.api.finished(setup.orgId, id);
        if (result.status !== 'succeeded')
          throw new Error(`restart ${id} ended ${result.status}: ${result.output}`);
        times.berth.push(result.at - sentAt);
        const view = (await setup.api.get(setup.orgId, `/api/v1/actions/${id}`)) as Record<
          'createdAt' | 'sentAt' | 'startedAt' | 'finishedAt',
          string
        >;
        const [created, sent, started, finished] = [
          view.createdAt,
          view.sentAt,
          view.startedAt,
          view.finishedAt,
        ].map((time) => Date.parse(time)) as [number, number, number, number];
        times.inAgent.push(finished - started);
        times.stages.delivered.push(sent - created);
        times.stages.running.push(started - sent);
        times.stages.reported.push(result.wallAt - finished);
      };
      // Alternate which goes first, so neither always follows a freshly restarted container.
      if (i % 2 === 0) {
        await throughBerth();
        await throughEngine();
      } else {
        await throughEngine();
        await throughBerth();
      }
    }
    return times;
  } finally {
    agent.kill('SIGTERM');
    await exited(agent);
    await container?.remove();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** The host id under which the agent reported the container (its first batch carries the inventory). */
async function waitForContainerRow(adminUrl: string, orgId: string, shortId: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const rows = await ownerQuery<{ host_id: string }>(
      adminUrl,
      'SELECT host_id FROM containers WHERE org_id = $1 AND short_id = $2',
      [orgId, shortId],
    );
    if (rows[0]) return rows[0].host_id;
    await sleep(200);
  }
  throw new Error('the agent did not report the container within 60 s');
}

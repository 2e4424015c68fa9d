import { docker, runBusybox, type TestContainer } from '@berth/test-docker';

/** A container printing one numbered line every half second (deterministic, unique log lines). */
const TICKER = 'i=0; while true; do echo "tick $HOSTNAME $i"; i=$((i+1)); sleep 0.5; done';

/** ~100 lines/s of ~1.4 KB (under the agent's 200 lines/s cap): fills a 1 MiB spool in seconds. */
const CHATTY =
  'L=$(printf "%01400d" 0); i=0; while true; do j=0; while [ $j -lt 25 ]; do echo "$i.$j $L"; j=$((j+1)); done; i=$((i+1)); sleep 0.25; done';

const RUN_LABEL = 'berth.e2e.run';

/** Starts `count` busybox containers labelled with the run, so cleanup finds them all. */
export async function startContainers(
  runId: string,
  count: number,
  kind: 'ticker' | 'chatty' = 'ticker',
): Promise<TestContainer[]> {
  const containers: TestContainer[] = [];
  for (let i = 0; i < count; i += 1) {
    containers.push(
      await runBusybox(kind === 'ticker' ? TICKER : CHATTY, {
        name: `${runId}-${kind}-${i}`,
        labels: { [RUN_LABEL]: runId, 'berth.e2e.kind': kind },
      }),
    );
  }
  return containers;
}

/** Removes every container of the run, including any a failed setup left half-made. */
export async function removeRunContainers(runId: string): Promise<void> {
  const ids = await docker('ps', '-aq', '--filter', `label=${RUN_LABEL}=${runId}`);
  if (ids) await docker('rm', '-f', ...ids.split('\n'));
}

/** Removes some containers now (e.g. to stop their output), ignoring ones already gone. */
export async function removeContainers(containers: readonly TestContainer[]): Promise<void> {
  await Promise.all(containers.map((container) => container.remove().catch(() => undefined)));
}

import { runBounded } from '../shared/run-bounded.js';
import type { BenchApi } from './bench-api.js';

export type Target = { orgId: string; hostId: string };

export type NoopTimes = {
  /** Request → the live stream shows `succeeded` (the round trip). */
  total: number[];
  /** Request → the API's 202 (its transaction, audit row, presence look-up and nudge). */
  accepted: number[];
};

/**
 * `count` no-op `ping` host actions, round-robin over `targets` (and so over the gateways):
 * from the API request until the org's live stream shows the action `succeeded`, i.e. API →
 * Redis → gateway → agent → gateway → PostgreSQL → Redis → API. Times in ms.
 */
export async function measureNoopActions(
  api: BenchApi,
  targets: readonly Target[],
  count: number,
  concurrency: number,
  offset = 0,
): Promise<NoopTimes> {
  const indexes = Array.from({ length: count }, (_, i) => i + offset);
  const times: NoopTimes = { total: [], accepted: [] };
  await runBounded(indexes, concurrency, async (index) => {
    const target = targets[index % targets.length];
    if (!target) throw new Error('no targets');
    const { id, sentAt, acceptedAt } = await api.queue(
      target.orgId,
      `/api/v1/hosts/${target.hostId}/actions`,
      {
        verb: 'ping',
      },
    );
    const result = await api.finished(target.orgId, id);
    if (result.status !== 'succeeded' || result.output !== 'pong')
      throw new Error(`ping ${id} ended ${result.status}: ${result.output}`);
    times.total.push(result.at - sentAt);
    times.accepted.push(acceptedAt - sentAt);
  });
  return times;
}

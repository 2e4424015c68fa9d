import { expect } from 'vitest';
import type { BatchCounts } from './batch-counts.js';
import type { FaultRun } from './fault-run.js';
import type { ManagedProcess } from './managed-process.js';
import { type Produced, tallyProduced } from './produced-batches.js';
import { expectExactlyOnce, type Reconciliation } from './reconcile.js';
import { pendingSeqs, waitForEmptySpool } from './spool-dir.js';
import { countStored, type Stored } from './stored-rows.js';

export type Verdict = { produced: Produced; stored: Stored; reconciliation: Reconciliation };

/**
 * The common ending: wait until every spooled batch is acked, stop the agent with SIGTERM (it
 * spools a last batch and waits for its ack), check nothing is left unsent, then count.
 * `agents` are all runs of the agent on this state dir, oldest first; the last one is stopped.
 */
export async function finishAndCount(
  run: FaultRun,
  hostId: string,
  agents: readonly ManagedProcess[],
  spoolFiles?: ReadonlyMap<number, BatchCounts>,
): Promise<Verdict> {
  const agent = agents.at(-1);
  if (!agent) throw new Error('finishAndCount needs the agent');
  await waitForEmptySpool(run.stateDir).catch((error: unknown) => {
    throw agent.failure(`did not get every batch acked: ${(error as Error).message}`);
  });
  const status = await agent.stop();
  expect(status, `${agent.name} exit status`).toEqual({ code: 0, signal: null });
  expect(await pendingSeqs(run.stateDir), 'batches left unsent after a clean stop').toEqual([]);
  const produced = tallyProduced(agents, spoolFiles);
  const stored = await countStored(run.database.adminUrl, hostId);
  const reconciliation = expectExactlyOnce(run.label, produced, stored);
  return { produced, stored, reconciliation };
}

import { randomUUID } from 'node:crypto';
import {
  crossTenantClaimDueAlertPasses,
  crossTenantEnrolAlertPasses,
  crossTenantFinishAlertPass,
} from '@berth/db/alerting';
import type pg from 'pg';
import type { Transition } from '../evaluation/evaluate-org.js';
import type { AlerterLogger } from '../logger.js';

/**
 * Organisations claimed per statement. Small, so replicas ticking at the same time share the
 * round, and a replica that dies holds few organisations until its lease runs out.
 */
export const PASS_CLAIM_BATCH = 5;

export type ClaimedPassDeps = {
  pool: pg.Pool;
  log: AlerterLogger;
  replicaId: string;
  leaseMs: number;
  passMs: number;
};

/**
 * The periodic pass of one replica: enrols organisations that gained rules, then claims due
 * organisations a batch at a time (across all replicas, each organisation goes to one),
 * evaluates each, and sets its next pass one interval on. Returns the transitions it made.
 */
export async function runClaimedPass(
  deps: ClaimedPassDeps,
  at: Date,
  evaluate: (orgId: string) => Promise<Transition[]>,
): Promise<Transition[]> {
  // A tenth early: the next tick of this replica comes one interval later give or take timer
  // jitter, and must find the organisation due rather than skip it for a whole interval.
  const nextDue = new Date(at.getTime() + Math.round(deps.passMs * 0.9));
  const roundId = randomUUID();
  const out: Transition[] = [];
  await crossTenantEnrolAlertPasses(deps.pool, at);
  for (;;) {
    const claims = await crossTenantClaimDueAlertPasses(deps.pool, {
      at,
      leaseMs: deps.leaseMs,
      replicaId: deps.replicaId,
      roundId,
      max: PASS_CLAIM_BATCH,
    });
    if (claims.length === 0) return out;
    for (const claim of claims) {
      try {
        out.push(...(await evaluate(claim.orgId)));
      } catch (error) {
        // One organisation's failure must not hold up the others; it is retried next interval.
        deps.log.error({ err: error, orgId: claim.orgId }, 'evaluation failed');
      }
      if (!(await crossTenantFinishAlertPass(deps.pool, claim, nextDue))) {
        deps.log.warn({ orgId: claim.orgId }, 'pass claim was taken over by another alerter');
      }
    }
  }
}

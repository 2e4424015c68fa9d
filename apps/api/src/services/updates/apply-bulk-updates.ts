import type {
  BulkUpdateRequest,
  BulkUpdateResponse,
  BulkUpdateResult,
  ResolvedUpdatePolicy,
} from '@berth/api-contract';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { gateContainerUpdate } from './gate-container-update.js';
import { dispatchContainerUpdate } from './request-container-update.js';
import { type PolicyTarget, resolveContainerPolicy } from './resolve-container-policy.js';

type Ref = { hostId: string; containerId: string };
type Gated = { target: PolicyTarget; resolved: ResolvedUpdatePolicy };

/**
 * The Updates page's "apply": each container's own reference pulled again, every item through
 * the same policy gate as the Update button. All policies are resolved in one transaction, then
 * each allowed item is queued (its action and audit row together, as one update would be);
 * refused items write nothing. All are dispatched at once: each host runs them side by side
 * (docs/decisions.md).
 */
export async function applyBulkUpdates(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  body: BulkUpdateRequest,
): Promise<BulkUpdateResponse> {
  const gated = await inOrg(ctx, principal, (tx) =>
    mapSequentially(body.items, async (item) => ({
      item,
      gate: await resolveContainerPolicy(tx, principal, item).catch(notFoundAsNull),
    })),
  );
  const items = await mapSequentially(gated, ({ item, gate }) =>
    applyOne(ctx, principal, request, item, gate, {
      confirm: item.confirm,
      healthTimeoutS: body.healthTimeoutS,
    }),
  );
  return { items };
}

async function applyOne(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  ref: Ref,
  gate: Gated | null,
  options: { confirm: boolean | undefined; healthTimeoutS: number | undefined },
): Promise<BulkUpdateResult> {
  const at = { hostId: ref.hostId, containerId: ref.containerId };
  if (!gate)
    return { ...at, outcome: 'refused', reason: 'not_found', message: 'no such container', policy: null };
  const refusal = gateContainerUpdate(gate.target, gate.resolved, options.confirm);
  if (refusal) return { ...at, outcome: 'refused', ...refusal, policy: gate.resolved };
  try {
    const update = await dispatchContainerUpdate(ctx, principal, request, at, gate, {
      ...(options.confirm === undefined ? {} : { confirm: options.confirm }),
      ...(options.healthTimeoutS === undefined ? {} : { healthTimeoutS: options.healthTimeoutS }),
    });
    return { ...at, outcome: 'accepted', ...update };
  } catch (error) {
    // Gone or revoked since it was resolved, or not a reference that can be pulled again.
    if (!(error instanceof AppError) || (error.code !== 'not_found' && error.code !== 'conflict'))
      throw error;
    const reason =
      error.code === 'not_found'
        ? 'not_found'
        : isRecord(error.details) && error.details.refusal === 'not_pullable'
          ? 'not_pullable'
          : 'agent_cannot_update';
    return { ...at, outcome: 'refused', reason, message: error.message, policy: gate.resolved };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function notFoundAsNull(error: unknown): null {
  if (error instanceof AppError && error.code === 'not_found') return null;
  throw error;
}

/** One at a time: a transaction runs one statement at a time anyway, and the order is kept. */
async function mapSequentially<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await fn(item));
  return results;
}

import type {
  ContainerUpdateRequest,
  ContainerUpdateResponse,
  ResolvedUpdatePolicy,
} from '@berth/api-contract';
import { AppError } from '@berth/http';
import { ZImageReferenceSchema } from '@berth/protocol';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { queueAction } from '../actions/queue-action.js';
import { inOrg } from '../in-org.js';
import { gateContainerUpdate, refusalError } from './gate-container-update.js';
import { type PolicyTarget, resolveContainerPolicy } from './resolve-container-policy.js';

const DEFAULT_HEALTH_TIMEOUT_S = 60;
/** Time for the pull, the stop and the recreate on top of the health wait. */
const PULL_AND_RECREATE_S = 600;

/**
 * Asks the container's agent to update it (`container.update`) when gateContainerUpdate lets it:
 * `block` refuses with its reason, `warn` needs `confirm: true`, the agent must be able to.
 */
export async function requestContainerUpdate(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  ref: { hostId: string; containerId: string },
  body: ContainerUpdateRequest,
): Promise<ContainerUpdateResponse> {
  const { target, resolved } = await inOrg(ctx, principal, (tx) =>
    resolveContainerPolicy(tx, principal, ref),
  );
  const refusal = gateContainerUpdate(target, resolved, body.confirm);
  if (refusal) throw refusalError(refusal, resolved);
  return dispatchContainerUpdate(ctx, principal, request, ref, { target, resolved }, body);
}

/**
 * Queues `container.update` for a container the gate let through: the action and its audit row
 * (with the policy that allowed it) are written together by queueAction.
 */
export async function dispatchContainerUpdate(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  ref: { hostId: string; containerId: string },
  gated: { target: PolicyTarget; resolved: ResolvedUpdatePolicy },
  body: ContainerUpdateRequest,
): Promise<ContainerUpdateResponse> {
  const { target, resolved } = gated;
  const image = targetImage(target.image, body);
  const healthTimeoutS = body.healthTimeoutS ?? DEFAULT_HEALTH_TIMEOUT_S;
  const action = await queueAction(ctx, principal, request, {
    hostId: ref.hostId,
    containerId: ref.containerId,
    verb: 'container.update',
    params: { image, healthTimeoutS },
    deadlineS: Math.min(3600, PULL_AND_RECREATE_S + healthTimeoutS),
    auditDetails: {
      policy: resolved.policy,
      policySource: resolved.source,
      confirmed: body.confirm === true,
    },
  });
  return { action, image, policy: resolved };
}

/**
 * The reference to pull: the container's own (a new digest under its tag) or its repository
 * with the requested tag or digest. A container started from an image id has no repository.
 */
function targetImage(current: string, body: ContainerUpdateRequest): string {
  const withoutDigest = current.split('@')[0] ?? current;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  const image = body.digest
    ? `${repository}@${body.digest}`
    : body.tag
      ? `${repository}:${body.tag}`
      : current.includes('@') || colon !== -1
        ? current
        : `${current}:latest`;
  if (!ZImageReferenceSchema.safeParse(image).success || /^sha256:/.test(current))
    throw new AppError(
      'conflict',
      `the container runs ${current}, which is not an image reference that can be pulled`,
      { refusal: 'not_pullable' },
    );
  return image;
}

import type { ResolvedUpdatePolicy, UpdateRefusal } from '@berth/api-contract';
import { AppError } from '@berth/http';
import type { PolicyTarget } from './resolve-container-policy.js';

export type UpdateGateRefusal = { reason: UpdateRefusal; message: string };

/**
 * Whether this container may be updated now, the one rule for the Update button and the bulk
 * apply: `block` refuses with its reason, `warn` needs `confirm`, and the host's agent must be
 * able to update (not revoked, not read-only, offering `container_update`). Null: go ahead.
 */
export function gateContainerUpdate(
  target: PolicyTarget,
  resolved: ResolvedUpdatePolicy,
  confirm: boolean | undefined,
): UpdateGateRefusal | null {
  if (resolved.policy === 'block')
    return { reason: 'blocked', message: `updates of ${target.name} are blocked by ${resolved.reason}` };
  if (resolved.policy === 'warn' && confirm !== true)
    return {
      reason: 'needs_confirm',
      message: `updating ${target.name} needs confirmation (confirm: true): ${resolved.reason}`,
    };
  if (target.revoked) return { reason: 'agent_cannot_update', message: 'this host was revoked' };
  if (target.capabilities.includes('read_only'))
    return {
      reason: 'agent_cannot_update',
      message: "this host's agent runs read-only: it cannot update containers",
    };
  if (!target.capabilities.includes('container_update'))
    return {
      reason: 'agent_cannot_update',
      message: "this host's agent is too old to update containers: update the agent first",
    };
  return null;
}

/** The per-container route's answer to a refusal: 409, naming `confirm` when that is what is missing. */
export function refusalError(refusal: UpdateGateRefusal, resolved: ResolvedUpdatePolicy): AppError {
  if (refusal.reason === 'blocked' || refusal.reason === 'needs_confirm')
    return new AppError('conflict', refusal.message, {
      policy: resolved,
      ...(refusal.reason === 'needs_confirm'
        ? { issues: [{ field: 'confirm', message: 'this update needs confirmation' }] }
        : {}),
    });
  return new AppError('conflict', refusal.message);
}

import { AppError } from '@berth/http';
import { type Principal, roleAtLeast } from '../../auth/principal.js';
import { isAgentOutdated } from '../fleet/host-view.js';

type UpdatableHost = { agentVersion: string | null; capabilities: string[] };

/**
 * `update` replaces the software on a customer's host, so it needs an owner or admin (the route
 * admits operators for the other host verbs), and is refused up front where the agent would
 * refuse it or where it would change nothing.
 */
export function checkAgentUpdate(principal: Principal, host: UpdatableHost, latest: string): void {
  if (!roleAtLeast(principal.role, 'admin')) {
    throw new AppError('forbidden', 'updating an agent needs the owner or admin role');
  }
  if (host.capabilities.includes('read_only')) {
    throw new AppError(
      'conflict',
      'this agent runs read-only: actions, updates included, are disabled on this host',
    );
  }
  if (host.agentVersion === null) {
    throw new AppError(
      'conflict',
      'this host has not reported its agent version yet; try again once it connects',
    );
  }
  if (!isAgentOutdated(host.agentVersion, latest)) {
    throw new AppError(
      'conflict',
      `the agent is already current (${host.agentVersion}; latest is ${latest})`,
    );
  }
  if (!host.capabilities.includes('self_update')) {
    throw new AppError(
      'conflict',
      'this agent cannot update itself (it was not installed by install.sh, or is too old): run the install command on the host again',
    );
  }
}

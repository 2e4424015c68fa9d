import type { HostDetail } from '@berth/api-contract';

export type ChecksConfigState =
  | { kind: 'none' }
  | { kind: 'applied'; version: number; ackedAt: string | null }
  | { kind: 'waiting'; version: number; ackedVersion: number };

/**
 * Whether the host's agent has applied the checks config Berth pushed last (docs/checks.md): the
 * version is bumped by every change to the host's check definitions or auto-restart policies,
 * the agent acks a version once it has persisted and applied it. 0 means none was ever defined.
 */
export function checksConfigState(
  host: Pick<HostDetail, 'configVersion' | 'configAckedVersion' | 'configAckedAt'>,
): ChecksConfigState {
  if (host.configVersion === 0) return { kind: 'none' };
  if (host.configAckedVersion >= host.configVersion)
    return { kind: 'applied', version: host.configVersion, ackedAt: host.configAckedAt };
  return { kind: 'waiting', version: host.configVersion, ackedVersion: host.configAckedVersion };
}

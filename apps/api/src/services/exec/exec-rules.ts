import type { ExecSettings } from '@berth/api-contract';
import { AppError } from '@berth/http';
import type { Principal } from '../../auth/principal.js';
import type { ApiSettings } from '../../context.js';

export type ExecLimits = { idleTimeoutS: number; maxDurationS: number };

/** The server's exec settings, read once from the environment (packages/config, docs/exec.md). */
export type ExecServerSettings = ExecLimits & {
  /** EXEC_TICKET_TTL_S: a granted session's socket must open within this (the ticket is single use). */
  ticketTtlS: number;
  /** EXEC_ORPHAN_AFTER_S: an open session without a heartbeat for this long lost its API. */
  orphanAfterS: number;
  /** EXEC_TRANSCRIPT_MAX_BYTES: output kept per recorded session; the rest is dropped, marked truncated. */
  transcriptMaxBytes: number;
};

export const EXEC_DEFAULTS: ExecServerSettings = {
  idleTimeoutS: 600,
  maxDurationS: 3600,
  ticketTtlS: 30,
  orphanAfterS: 45,
  transcriptMaxBytes: 5 * 1024 * 1024,
};

/** The server's exec settings; the defaults where the API was built without them (tests). */
export function execServerSettings(settings: ApiSettings): ExecServerSettings {
  return settings.exec ?? EXEC_DEFAULTS;
}

/**
 * How often a relaying API refreshes its sessions' heartbeat (and byte counts): every 10 s, or a
 * third of the orphan threshold when that is shorter, so a session is declared orphaned only
 * after three missed heartbeats.
 */
export function execHeartbeatMs(server: ExecServerSettings): number {
  return Math.min(10_000, Math.floor((server.orphanAfterS * 1000) / 3));
}

/** The server's limits (EXEC_IDLE_TIMEOUT_S, EXEC_MAX_DURATION_S). */
export function serverExecLimits(settings: ApiSettings): ExecLimits {
  const { idleTimeoutS, maxDurationS } = execServerSettings(settings);
  return { idleTimeoutS, maxDurationS };
}

/** What a session of this org gets: the org's own limits where set, never above the server's. */
export function execLimits(
  settings: ApiSettings,
  org: { idleTimeoutS: number | null; maxDurationS: number | null },
): ExecLimits {
  const server = serverExecLimits(settings);
  return {
    idleTimeoutS: Math.min(org.idleTimeoutS ?? server.idleTimeoutS, server.idleTimeoutS),
    maxDurationS: Math.min(org.maxDurationS ?? server.maxDurationS, server.maxDurationS),
  };
}

/**
 * Who may open a terminal: admins and owners always, operators only where the org allows it,
 * viewers never; API tokens never (a terminal is a person at a console, and audited as one).
 */
export function checkExecPermission(principal: Principal, settings: ExecSettings): void {
  if (principal.kind !== 'user')
    throw new AppError('forbidden', 'exec terminals are opened by signed-in users, not API tokens');
  if (principal.role === 'viewer') throw new AppError('forbidden', 'viewers cannot open exec terminals');
  if (principal.role === 'operator' && !settings.operatorsAllowed)
    throw new AppError(
      'forbidden',
      'operators may open exec terminals only where an admin allowed it (exec settings)',
    );
}

/** Why a host cannot serve exec, from its agent's capabilities; null when it can. */
export function execRefusalOf(capabilities: readonly string[]): string | null {
  if (capabilities.includes('read_only'))
    return 'exec is disabled on this host: the agent runs in read-only mode';
  if (!capabilities.includes('exec'))
    return 'exec is disabled on this host: start the agent with --allow-exec';
  return null;
}

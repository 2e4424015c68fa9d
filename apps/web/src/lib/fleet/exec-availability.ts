import type { ContainerState, ExecSettings } from '@berth/api-contract';

export type ExecContext = {
  role: string | null;
  capabilities: readonly string[];
  hostOnline: boolean;
  hostRevoked: boolean;
  removed: boolean;
  state: ContainerState;
  settings: Pick<ExecSettings, 'operatorsAllowed' | 'recordTranscripts'> | null;
};

/**
 * Why the Terminal button is off, or null. The same rules as the API's (docs/exec.md): admins
 * always, operators where the org allows it, viewers never; the agent must have opted in and not
 * be read-only; the container must run on a connected host.
 */
export function execBlockedReason(context: ExecContext): string | null {
  const { role, capabilities } = context;
  if (role !== 'owner' && role !== 'admin') {
    if (role !== 'operator') return 'Viewers cannot open terminals.';
    if (!context.settings?.operatorsAllowed)
      return 'Operators may open terminals only where an admin allowed it.';
  }
  if (context.hostRevoked) return 'This host was revoked.';
  if (capabilities.includes('read_only'))
    return 'Exec is disabled on this host: the agent runs in read-only mode.';
  if (!capabilities.includes('exec'))
    return 'Exec is disabled on this host: start the agent with --allow-exec.';
  if (context.removed) return 'This container was removed.';
  if (context.state !== 'running') return 'The container is not running.';
  if (!context.hostOnline) return 'The host is offline.';
  return null;
}

/** The command field as argv: words split on white space (`/bin/sh -c '…'` is not parsed further). */
export function parseCommand(text: string): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length > 0 ? words : ['/bin/sh'];
}

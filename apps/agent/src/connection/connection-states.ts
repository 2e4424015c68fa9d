/**
 * The connection's named states. `closed` is terminal: reached by shutdown or by a close code
 * that retrying cannot fix (unauthorised, revoked, unsupported version).
 */
export const CONNECTION_STATES = [
  'idle',
  'connecting',
  'handshaking',
  'streaming',
  'backing_off',
  'draining',
  'closed',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

const ALLOWED: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  idle: ['connecting', 'closed'],
  // connecting: building hello and opening the socket; handshaking: hello sent, awaiting welcome.
  connecting: ['handshaking', 'backing_off', 'closed'],
  handshaking: ['streaming', 'backing_off', 'closed'],
  streaming: ['backing_off', 'draining', 'closed'],
  backing_off: ['connecting', 'closed'],
  // draining: shutting down, waiting for the acks of batches in flight.
  draining: ['closed'],
  closed: [],
};

export function canTransition(from: ConnectionState, to: ConnectionState): boolean {
  return ALLOWED[from].includes(to);
}

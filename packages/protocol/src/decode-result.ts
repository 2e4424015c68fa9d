import type { CloseCode } from './close-codes.js';

/**
 * Why a frame was refused and how to close the socket. `actionId` is set when a gateway frame
 * was an `action` with a readable id, so the agent can answer `rejected` instead of dropping the
 * connection (which would only get the action re-sent on reconnect).
 */
export type DecodeFailure = {
  ok: false;
  closeCode: CloseCode;
  reason: string;
  actionId?: string;
};

export type DecodeResult<F> = { ok: true; frame: F } | DecodeFailure;

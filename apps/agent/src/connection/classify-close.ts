import { CLOSE_CODES, PROTOCOL_VERSION } from '@berth/protocol';
import type { RetryPolicy } from './compute-retry-delay.js';

export type CloseDecision =
  | { kind: 'fatal'; code: number; message: string }
  | { kind: 'retry'; policy: RetryPolicy };

/**
 * What to do after the socket closed. Codes that retrying cannot fix stop the agent for good:
 * a revoked host that kept reconnecting would hammer the gateway for nothing.
 * `httpStatus` is set when the gateway refused the WebSocket upgrade itself.
 */
export function classifyClose(code: number, reason: string, httpStatus?: number): CloseDecision {
  const why = reason ? `: ${reason}` : '';
  if (code === CLOSE_CODES.unauthorised || httpStatus === 401) {
    return {
      kind: 'fatal',
      code: CLOSE_CODES.unauthorised,
      message: `the gateway rejected this host's credential (4001 unauthorised${why}); re-enrol the host with a new enrolment token`,
    };
  }
  if (code === CLOSE_CODES.revoked) {
    return {
      kind: 'fatal',
      code,
      message: `this host was revoked by an administrator (4003 revoked${why}); not reconnecting. Re-enrol it with a new enrolment token to bring it back`,
    };
  }
  if (code === CLOSE_CODES.versionUnsupported) {
    return {
      kind: 'fatal',
      code,
      message: `the gateway does not speak protocol version ${PROTOCOL_VERSION} (4002 version unsupported${why}); upgrade the agent`,
    };
  }
  if (code === CLOSE_CODES.rateLimited) return { kind: 'retry', policy: 'rate_limited' };
  // 1001 (going away) is what a proxy in front of a restarting gateway sends.
  if (code === CLOSE_CODES.gatewayRestarting || code === CLOSE_CODES.goingAway)
    return { kind: 'retry', policy: 'restart' };
  return { kind: 'retry', policy: 'normal' };
}

/**
 * WebSocket close codes of protocol v1. 4xxx are ours (RFC 6455 reserves 4000–4999 for
 * applications); the others are standard.
 */
export const CLOSE_CODES = {
  /** Clean shutdown by either side; the agent reconnects with backoff. */
  normal: 1000,
  /**
   * Going away: this socket is superseded (the host connected again, possibly to another
   * gateway), or a proxy in front of a restarting gateway closed it; not the host stopping.
   */
  goingAway: 1001,
  /** The gateway failed handling the hello (a server error); reconnect with backoff. */
  serverError: 1011,
  /** The gateway is shutting down or redeploying; reconnect with jittered exponential backoff. */
  gatewayRestarting: 1012,
  /** The database is briefly unavailable; the unacked batches are resent after reconnecting. */
  tryAgainLater: 1013,
  /** A frame was too big, not JSON, not valid against the schema, or over an item limit. */
  badFrame: 4000,
  /** The host credential is missing, unknown or expired; retrying will not help without re-enrolment. */
  unauthorised: 4001,
  /** `hello.protocol` is a version this gateway does not speak; upgrade (or downgrade) the agent. */
  versionUnsupported: 4002,
  /** The host was revoked by an admin; the agent stops and does not reconnect. */
  revoked: 4003,
  /** Too many frames per second or too many unacked batches; back off before reconnecting. */
  rateLimited: 4008,
} as const;

export type CloseCodeName = keyof typeof CLOSE_CODES;
export type CloseCode = (typeof CLOSE_CODES)[CloseCodeName];

/** RFC 6455 allows at most 123 bytes of UTF-8 in a close frame's reason. */
const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Shortens a decoder reason to fit a WebSocket close frame (`ws` throws on longer reasons).
 * The full reason belongs in the `error` frame sent just before the close.
 */
export function toCloseReason(reason: string): string {
  return boundText(reason, MAX_CLOSE_REASON_BYTES);
}

/**
 * `text` made safe to send back in a frame or close reason: control characters (NUL
 * included, which no frame may carry) become spaces, and it is cut to `maxBytes` of UTF-8.
 * Reasons quote hostile input, so this runs on every one.
 */
/** C0 controls and DEL; built from a string so the source holds no raw control characters. */
// biome-ignore lint/complexity/useRegexLiterals: a literal would put raw control characters in the source
const CONTROL_CHARACTERS = new RegExp('[\\u0000-\\u001f\\u007f]', 'g');

export function boundText(text: string, maxBytes: number): string {
  const clean = text.replace(CONTROL_CHARACTERS, ' ');
  const encoded = new TextEncoder().encode(clean);
  if (encoded.length <= maxBytes) return clean;
  // fatal: false drops a multi-byte character cut in half instead of throwing.
  const cut = new TextDecoder('utf-8', { fatal: false }).decode(encoded.subarray(0, maxBytes - 3));
  return `${cut.replace(/\uFFFD$/, '')}...`;
}

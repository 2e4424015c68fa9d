/**
 * The protocol generation spoken on `/agent/v1`. Within v1, fields and frames are only ever
 * added; anything breaking becomes v2 with its own number (and path).
 */
export const PROTOCOL_VERSION = 1;

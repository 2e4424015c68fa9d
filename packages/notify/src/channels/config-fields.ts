import { z } from 'zod';

/** An http(s) URL with a host: what every webhook-style channel posts to. */
export const ZHttpUrlSchema = z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2000);

/** A token or key pasted from a receiver's settings page: printable, no whitespace. */
export const tokenSchema = (what: string, pattern = /^[\x21-\x7e]+$/) =>
  z.string().trim().min(8, `${what} looks too short`).max(500).regex(pattern, `not a valid ${what}`);

import * as z from 'zod/mini';
import { ZHostFactsSchema } from './handshake.js';
import { ZUuidSchema } from './primitives.js';

/**
 * `POST /agent/v1/enrol`: an agent's first start exchanges an enrolment token (shown to
 * an org admin with the install command) for a per-host credential, once.
 */
export const ZEnrolRequestSchema = z.object({
  token: z
    .string()
    .check(z.regex(/^berth_enrol_[A-Za-z0-9_-]{20,100}$/, 'expected an enrolment token (berth_enrol_…)')),
  host: ZHostFactsSchema,
});
export type EnrolRequest = z.infer<typeof ZEnrolRequestSchema>;

export const ZEnrolResponseSchema = z.object({
  hostId: ZUuidSchema,
  /** Bearer secret for `/agent/v1` (kept by the agent with mode 0600; the server keeps a hash). */
  credential: z.string().check(z.regex(/^berth_host_[A-Za-z0-9_-]{20,100}$/)),
});
export type EnrolResponse = z.infer<typeof ZEnrolResponseSchema>;

/** Every HTTP error of Berth's services has this shape. */
export const ZHttpErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.optional(z.unknown()) }),
});
export type HttpError = z.infer<typeof ZHttpErrorSchema>;

import { z } from 'zod';

/** Every non-2xx answer of the API: `{ error: { code, message, details } }`. */
export const ZErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ZErrorSchema>;

/** 204 responses carry no body. */
export const ZNoContentSchema = z.null().describe('No content');

/** The error answers a route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ZErrorSchema,
  401: ZErrorSchema,
  403: ZErrorSchema,
  404: ZErrorSchema,
  409: ZErrorSchema,
  410: ZErrorSchema,
  429: ZErrorSchema,
} as const;

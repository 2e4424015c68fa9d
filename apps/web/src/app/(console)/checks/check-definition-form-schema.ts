import { z } from 'zod';

/**
 * The check form (add and edit on the container page) → the API's definition fields. Kept apart
 * because server-action modules may export only async functions. Numbers and switches arrive as
 * form text; the API validates the ranges and names the field that is wrong.
 */
const number = (label: string) =>
  z.string().trim().regex(/^\d+$/, `${label}: a whole number`).transform(Number);
const optionalNumber = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: `${label}: a whole number` });
        return z.NEVER;
      }
      return Number(text);
    });

const ZSpecFormSchema = z.object({
  kind: z.enum(['http', 'tcp'], { message: 'Pick HTTP or TCP' }),
  target: z.string().trim().min(1, 'Enter a target'),
  intervalS: number('Interval'),
  retries: number('Retries'),
  timeoutMs: number('Timeout'),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS']).default('GET'),
  expectMin: number('Lowest status').default(200),
  expectMax: number('Highest status').default(299),
  keywordMode: z.enum(['contains', 'absent', 'regex']).default('contains'),
  keyword: z.string().optional(),
  maxLatencyMs: optionalNumber('Max latency'),
  certExpiryWarnDays: number('Certificate warning').default(14),
  followRedirects: z.literal('on').optional(),
  skipTlsVerify: z.literal('on').optional(),
});

/** The spec the API takes, from the form's fields (http options only for an HTTP check). */
function toSpec(form: z.infer<typeof ZSpecFormSchema>) {
  const base = {
    kind: form.kind,
    target: form.target,
    intervalS: form.intervalS,
    retries: form.retries,
    timeoutMs: form.timeoutMs,
  };
  if (form.kind === 'tcp') return base;
  return {
    ...base,
    http: {
      method: form.method,
      expectStatus: { min: form.expectMin, max: form.expectMax },
      ...(form.keyword
        ? { keyword: { mode: form.keywordMode, value: form.keyword, caseSensitive: true } }
        : {}),
      ...(form.maxLatencyMs !== undefined ? { maxLatencyMs: form.maxLatencyMs } : {}),
      followRedirects: form.followRedirects === 'on',
      skipTlsVerify: form.skipTlsVerify === 'on',
      certExpiryWarnDays: form.certExpiryWarnDays,
    },
  };
}

/** A new check on a container (hostId + containerName) or a group (groupId): the API checks which. */
export const ZNewCheckFormSchema = ZSpecFormSchema.extend({
  hostId: z.string().min(1).optional(),
  containerName: z.string().min(1).optional(),
  groupId: z.string().min(1).optional(),
  name: z.string().trim().min(1, 'Enter a check name'),
}).transform((form) => ({
  ...(form.hostId !== undefined ? { hostId: form.hostId } : {}),
  ...(form.containerName !== undefined ? { containerName: form.containerName } : {}),
  ...(form.groupId !== undefined ? { groupId: form.groupId } : {}),
  name: form.name,
  spec: toSpec(form),
}));

export const ZEditCheckFormSchema = ZSpecFormSchema.extend({ definitionId: z.string().min(1) }).transform(
  (form) => ({ definitionId: form.definitionId, spec: toSpec(form) }),
);

export const ZCheckRefFormSchema = z.object({
  definitionId: z.string().min(1),
  enabled: z.enum(['true', 'false']).optional(),
});

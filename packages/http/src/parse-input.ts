import { z } from 'zod';
import { AppError } from './app-error.js';

/** One issue per offending field, e.g. `{ field: 'host.cpus', message: 'expected int' }`. */
export type FieldIssue = { field: string; message: string };

/**
 * Validates external input; a failure is a 400 whose message and details name the fields. Takes
 * any zod schema, classic or zod/mini (the wire contract in @berth/protocol is zod/mini).
 */
export function parseInput<S extends z.core.$ZodType>(schema: S, input: unknown, what = 'body'): z.infer<S> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : what,
    message: issue.message,
  }));
  const summary = issues
    .slice(0, 3)
    .map((issue) => `${issue.field}: ${issue.message}`)
    .join('; ');
  throw new AppError('bad_request', `invalid ${what}: ${summary}`, { issues });
}

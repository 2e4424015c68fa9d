import { z } from 'zod';
import { ApiError, ApiUnreachableError } from '@/lib/api/api-error';

/**
 * What a settings server action answers (React's useActionState): a message, errors by field
 * name, and on success what to show once (a new token's secret, an invite link).
 */
export type ActionState<R = never> = {
  error?: string;
  fieldErrors?: Record<string, string>;
  notice?: string;
  result?: R;
};

export const INITIAL_ACTION_STATE: ActionState = {};

const ZIssuesSchema = z.object({
  issues: z.array(z.object({ field: z.string(), message: z.string() })),
});

/** zod issues (form parsing in the action) → one message per top-level field. */
export function fieldErrorsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return errors;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * An API failure as the form shows it: a 400's `details.issues` under the fields they name
 * (`labels.env` → `labels`), a 403 with the API's reason, a 409 (last owner,
 * revoked host) as the API says it. Anything that is not an API failure is rethrown.
 */
export function describeFailure(error: unknown): ActionState<never> {
  if (error instanceof ApiUnreachableError)
    return { error: 'The Berth API is not answering. Try again shortly.' };
  if (!(error instanceof ApiError)) throw error;
  if (error.status === 400) {
    const parsed = ZIssuesSchema.safeParse(error.details);
    if (parsed.success && parsed.data.issues.length > 0) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.data.issues) {
        const field = issue.field.split('.')[0] || 'form';
        fieldErrors[field] ??= sentence(
          issue.field.includes('.') ? `${issue.field}: ${issue.message}` : issue.message,
        );
      }
      const names = Object.keys(fieldErrors).join(', ');
      return { error: `Check ${names}: ${sentence(error.message)}`, fieldErrors };
    }
    return { error: sentence(error.message) };
  }
  if (error.status === 401) return { error: 'Your session ended. Sign in again.' };
  // The API's 403 says why ("requires the admin role or above (you are viewer)", a wrong password).
  if (error.status === 403) return { error: sentence(error.message) };
  if (error.status === 429) return { error: 'Too many attempts. Wait a minute, then try again.' };
  if (error.status >= 500) return { error: 'The server failed to complete this. Try again shortly.' };
  return { error: sentence(error.message) };
}

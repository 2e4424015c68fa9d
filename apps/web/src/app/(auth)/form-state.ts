/** What an auth form's server action answers (React's useActionState). */
export type FormState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Set when the action succeeded and the form should show its confirmation. */
  done?: boolean;
  /** The submitted email, kept so a failed attempt need not retype it. */
  email?: string;
};

export const INITIAL_FORM_STATE: FormState = {};

/** zod issues → one message per field name. */
export function fieldErrorsOf(
  issues: readonly { path: PropertyKey[]; message: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

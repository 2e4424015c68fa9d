import { ApiError, ApiUnreachableError } from '@/lib/api/api-error';
import type { FormState } from './form-state';

/** Turns an API failure into a form message; unknown errors propagate to the error page. */
export function describeApiFailure(error: unknown, email?: string): FormState {
  if (error instanceof ApiUnreachableError) {
    return { email, error: 'The Berth API is not answering. Try again shortly.' };
  }
  if (error instanceof ApiError) {
    if (error.status === 429) return { email, error: 'Too many attempts. Wait a minute, then try again.' };
    if (error.status < 500) return { email, error: error.message };
    return { email, error: 'The server failed to complete this. Try again shortly.' };
  }
  throw error;
}

import { ZErrorSchema } from '@berth/api-contract';

/** A non-2xx answer from the API, carrying its `{ error: { code, message, details } }` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Builds the error from a response whose body may or may not be the API's error shape. */
  static async fromResponse(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '');
    const parsed = ZErrorSchema.safeParse(safeJson(text));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(response.status, code, message, details);
    }
    return new ApiError(response.status, `http_${response.status}`, describeStatus(response.status));
  }
}

/** The API could not be reached at all (down, wrong API_INTERNAL_URL, network). */
export class ApiUnreachableError extends Error {
  constructor(cause: unknown) {
    super('The Berth API is unreachable. Check that it is running.', { cause });
    this.name = 'ApiUnreachableError';
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeStatus(status: number): string {
  if (status === 401) return 'You are signed out.';
  if (status === 403) return 'You do not have access to this.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests; try again in a minute.';
  if (status >= 500) return 'The Berth API failed to answer.';
  return `The request failed (HTTP ${status}).`;
}

import type { z } from 'zod';
import { ApiError, ApiUnreachableError } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiRequest<S extends z.ZodType> = {
  method?: HttpMethod;
  /** Absolute API path, e.g. `/api/v1/hosts`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Validates (and types) the 2xx body; `null` for 204 answers. */
  schema: S;
  signal?: AbortSignal;
};

/** The one way console code talks to the API, on the server or in the browser. */
export type ApiClient = {
  request<S extends z.ZodType>(request: ApiRequest<S>): Promise<z.infer<S>>;
};

export type ApiClientOptions = {
  /** `''` in the browser (same origin, through the /api/v1 proxy); API_INTERNAL_URL on the server. */
  baseUrl: string;
  /** Sent with every request (the session cookie, Origin, x-berth-org on the server). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Extra headers computed from the exact request (the API's server-to-server signature). */
  sign?: (request: { method: HttpMethod; path: string; body: string }) => Record<string, string>;
};

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? fetch;
  return {
    async request({ method = 'GET', path, query, body, schema, signal }) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...options.headers,
        ...options.sign?.({ method, path, body: payload ?? '' }),
      };
      if (payload !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await doFetch(`${options.baseUrl}${path}${toQueryString(query)}`, {
          method,
          headers,
          body: payload,
          credentials: 'same-origin',
          cache: 'no-store',
          signal,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new ApiUnreachableError(error);
      }
      if (!response.ok) throw await ApiError.fromResponse(response);
      const answer: unknown = response.status === 204 ? null : await response.json();
      return schema.parse(answer);
    },
  };
}

export function toQueryString(query: ApiRequest<z.ZodType>['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

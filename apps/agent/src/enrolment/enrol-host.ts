import { type EnrolResponse, type HostFacts, ZEnrolResponseSchema, ZHttpErrorSchema } from '@berth/protocol';
import { EnrolmentError } from './enrolment-error.js';

export type EnrolHostOptions = {
  server: string;
  token: string;
  host: HostFacts;
  userAgent: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/** `<server>/agent/v1/enrol`, keeping a path prefix the server may live under. */
export function enrolmentUrl(server: string): URL {
  const url = new URL(server);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/agent/v1/enrol`;
  return url;
}

/** Exchanges an enrolment token for this host's credential. Throws `EnrolmentError` with a message for the operator. */
export async function enrolHost(options: EnrolHostOptions): Promise<EnrolResponse> {
  const url = enrolmentUrl(options.server);
  const timeoutMs = options.timeoutMs ?? 15_000;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': options.userAgent,
      },
      body: JSON.stringify({ token: options.token, host: options.host }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new EnrolmentError(
      'unreachable',
      `cannot reach the Berth server at ${url.origin}: ${describeFetchError(error, timeoutMs)}`,
    );
  }
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) throw refusal(response.status, body, text);
  const parsed = ZEnrolResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new EnrolmentError(
      'bad_response',
      `unexpected answer from ${url.href} (HTTP ${response.status}): ${snippet(text)}; is --server the Berth URL?`,
      response.status,
    );
  }
  return parsed.data;
}

function refusal(status: number, body: unknown, text: string): EnrolmentError {
  const parsed = ZHttpErrorSchema.safeParse(body);
  const kind = status >= 500 ? 'server_error' : 'refused';
  if (parsed.success) {
    const { code, message } = parsed.data.error;
    const what =
      kind === 'refused' ? 'the server refused the enrolment' : 'the server failed to enrol this host';
    return new EnrolmentError(kind, `${what} (HTTP ${status}, ${code}): ${message}`, status, code);
  }
  return new EnrolmentError(kind, `enrolment failed with HTTP ${status}: ${snippet(text)}`, status);
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
    return `${cause.message}${code}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

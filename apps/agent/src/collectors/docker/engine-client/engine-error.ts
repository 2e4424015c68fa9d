/**
 * A non-2xx answer of the Engine API: its status (404 no such container, 304 already in that
 * state, 409 conflict, …) and the message the engine gave (`{"message": "..."}`).
 */
export class EngineError extends Error {
  constructor(
    readonly statusCode: number,
    readonly engineMessage: string,
    readonly request: string,
  ) {
    super(`${request}: (HTTP ${statusCode}) ${engineMessage}`);
    this.name = 'EngineError';
  }
}

/** The Engine's HTTP status behind `error`, if it is an Engine answer. */
export function engineStatusCode(error: unknown): number | undefined {
  return error instanceof EngineError ? error.statusCode : undefined;
}

/** The engine's `{"message": …}` or, failing that, the body's text. */
export function engineMessageOf(body: string, statusCode: number): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
      const { message } = parsed;
      if (typeof message === 'string') return message;
    }
  } catch {
    // Not JSON (a proxy's error page, an empty 304): the text says what there is to say.
  }
  return body.trim() || `status ${statusCode}`;
}

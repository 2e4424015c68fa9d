/** One Server-Sent Event as read; `data` is parsed JSON (Berth's streams send JSON only). */
export type SseEvent = { event: string; id: string | undefined; data: unknown };

/**
 * Reads a Server-Sent Events response as a browser's EventSource would, until closed: for
 * tests and benchmarks of Berth's streams (`/api/v1/stream`, `…/logs?follow=1`). Events are
 * kept in `events`, and handed to `onEvent` as they arrive when one is given.
 */
export class SseReader {
  readonly events: SseEvent[] = [];
  status = 0;
  readonly #controller = new AbortController();
  #done: Promise<void> = Promise.resolve();

  constructor(private readonly onEvent?: (event: SseEvent) => void) {}

  /** Opens the stream; resolves with the HTTP status once the response headers arrived. */
  async open(url: string, headers: Record<string, string>): Promise<number> {
    const response = await fetch(url, { headers, signal: this.#controller.signal });
    this.status = response.status;
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      return response.status;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.#done = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            this.#parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (error) {
        if (!this.#controller.signal.aborted) throw error;
      }
    })();
    return response.status;
  }

  /** Leaves, as a closed browser tab does (the connection goes away). */
  async close(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }

  #parse(block: string): void {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      // Comment lines (`: keep-alive`) carry nothing.
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
    }
    const data = fields.get('data');
    if (data === undefined) return;
    const event: SseEvent = {
      event: fields.get('event') ?? 'message',
      id: fields.get('id'),
      data: JSON.parse(data),
    };
    this.events.push(event);
    this.onEvent?.(event);
  }
}

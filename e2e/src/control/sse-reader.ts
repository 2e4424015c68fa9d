export type SseEvent = { event: string; data: unknown };

/** Reads a Server-Sent Events response as a browser's EventSource would, until closed. */
export class SseReader {
  readonly events: SseEvent[] = [];
  status = 0;
  private readonly controller = new AbortController();
  private done: Promise<void> = Promise.resolve();

  async open(url: string, headers: Record<string, string>): Promise<number> {
    const response = await fetch(url, { headers, signal: this.controller.signal });
    this.status = response.status;
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      return response.status;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.done = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            this.parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (error) {
        if (!this.controller.signal.aborted) throw error;
      }
    })();
    return response.status;
  }

  /** Leaves, as a closed browser tab does (the connection goes away). */
  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }

  private parse(block: string): void {
    let event = 'message';
    let data: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data = line.slice(5).trim();
    }
    if (data !== undefined) this.events.push({ event, data: JSON.parse(data) });
  }
}

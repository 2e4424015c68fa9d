const FINAL = new Set(['succeeded', 'failed', 'rejected', 'timed_out']);

/** `at` on the performance clock (for round trips), `wallAt` on the wall clock (to compare with stored times). */
export type FinalStatus = { status: string; output: string | null; at: number; wallAt: number };

/**
 * Reads one organisation's live stream (`GET /api/v1/stream`, SSE) as the console does, and
 * notes when each action reaches a final status. The event may arrive before the POST that
 * queued the action has returned its id, so finished ids are kept until asked for.
 */
export class ActionStatusWatcher {
  private readonly done = new Map<string, FinalStatus>();
  private readonly waiting = new Map<string, (result: FinalStatus) => void>();
  private readonly controller = new AbortController();

  async open(url: string, token: string): Promise<void> {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: this.controller.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            this.onEvent(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (error) {
        if (!this.controller.signal.aborted) console.error('live stream failed:', error);
      }
    })();
  }

  /** Resolves when the action has reached a final status (at once if it already has). */
  finished(actionId: string): Promise<FinalStatus> {
    const seen = this.done.get(actionId);
    if (seen) {
      this.done.delete(actionId);
      return Promise.resolve(seen);
    }
    return new Promise((resolve) => this.waiting.set(actionId, resolve));
  }

  close(): void {
    this.controller.abort();
  }

  private onEvent(block: string): void {
    const at = performance.now();
    const wallAt = Date.now();
    const data = block
      .split('\n')
      .find((line) => line.startsWith('data:'))
      ?.slice(5);
    if (!data) return;
    const event = JSON.parse(data) as { type?: string; actionId?: string; status?: string; output?: string };
    if (event.type !== 'action.status' || !event.actionId || !FINAL.has(event.status ?? '')) return;
    const result = { status: event.status ?? '', output: event.output ?? null, at, wallAt };
    const waiter = this.waiting.get(event.actionId);
    if (waiter) {
      this.waiting.delete(event.actionId);
      waiter(result);
    } else {
      this.done.set(event.actionId, result);
    }
  }
}

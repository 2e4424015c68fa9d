import { SseReader } from '@berth/http/testing';

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
  private readonly reader = new SseReader((event) => this.onEvent(event.data));

  async open(url: string, token: string): Promise<void> {
    const status = await this.reader.open(url, { authorization: `Bearer ${token}` });
    if (status !== 200) throw new Error(`stream answered ${status}`);
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

  close(): Promise<void> {
    return this.reader.close();
  }

  private onEvent(data: unknown): void {
    const at = performance.now();
    const wallAt = Date.now();
    const event = data as { type?: string; actionId?: string; status?: string; output?: string };
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

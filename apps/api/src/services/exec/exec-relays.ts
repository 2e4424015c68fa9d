/**
 * The terminals this API process relays, so a graceful shutdown ends each one (telling the
 * browser and the agent) and waits until its end is recorded before the database pool closes.
 * A crash skips this; the sweep ends those sessions as `api_restart`.
 */
export class ExecRelays {
  readonly #stops = new Map<string, (reason: string) => void>();
  readonly #finishing = new Set<Promise<void>>();

  track(sessionId: string, stop: (reason: string) => void): void {
    this.#stops.set(sessionId, stop);
  }

  /** The session ended: `recorded` settles once its outcome is written. */
  ended(sessionId: string, recorded: Promise<void>): void {
    this.#stops.delete(sessionId);
    this.#finishing.add(recorded);
    void recorded.finally(() => this.#finishing.delete(recorded));
  }

  async shutdown(reason: string): Promise<void> {
    for (const stop of [...this.#stops.values()]) stop(reason);
    await Promise.allSettled([...this.#finishing]);
  }
}

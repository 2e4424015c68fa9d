/**
 * Coalesces evaluation requests: hosts asked for while an evaluation of their organisation
 * runs are evaluated together once it finishes, so a burst of batches (40 containers dying in
 * one minute arrive as a few batches) costs a few evaluations, not one per event. Up to
 * `concurrency` organisations are evaluated at once (an organisation never twice at once):
 * one at a time left every other organisation queued behind the slowest.
 */
export class HostQueue {
  private readonly pending = new Map<string, Set<string>>();
  private readonly running = new Set<string>();
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly evaluate: (orgId: string, hostIds: string[]) => Promise<void>,
    private readonly onError: (error: unknown, orgId: string) => void,
    private readonly concurrency = 1,
  ) {}

  add(orgId: string, hostId: string): void {
    const hosts = this.pending.get(orgId) ?? new Set<string>();
    hosts.add(hostId);
    this.pending.set(orgId, hosts);
    this.startWhatFits();
  }

  /** Resolves once nothing is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (this.running.size === 0 && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** In the order organisations were asked for, skipping those already running. */
  private startWhatFits(): void {
    for (const [orgId, hosts] of this.pending) {
      if (this.running.size >= this.concurrency) return;
      if (this.running.has(orgId)) continue;
      this.pending.delete(orgId);
      this.running.add(orgId);
      void this.run(orgId, [...hosts]);
    }
  }

  private async run(orgId: string, hostIds: string[]): Promise<void> {
    try {
      await this.evaluate(orgId, hostIds);
    } catch (error) {
      this.onError(error, orgId);
    }
    this.running.delete(orgId);
    this.startWhatFits();
    if (this.running.size === 0 && this.pending.size === 0) {
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }
}

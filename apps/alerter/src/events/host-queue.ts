/**
 * Coalesces evaluation requests: hosts asked for while an evaluation of their organisation
 * runs are evaluated together once it finishes, so a burst of batches (40 containers dying in
 * one minute arrive as a few batches) costs a few evaluations, not one per event. One
 * organisation is evaluated at a time per alerter.
 */
export class HostQueue {
  private readonly pending = new Map<string, Set<string>>();
  private running: Promise<void> | null = null;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly evaluate: (orgId: string, hostIds: string[]) => Promise<void>,
    private readonly onError: (error: unknown, orgId: string) => void,
  ) {}

  add(orgId: string, hostId: string): void {
    const hosts = this.pending.get(orgId) ?? new Set<string>();
    hosts.add(hostId);
    this.pending.set(orgId, hosts);
    this.running ??= this.drain();
  }

  /** Resolves once nothing is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const [orgId, hosts] = this.pending.entries().next().value as [string, Set<string>];
      this.pending.delete(orgId);
      try {
        await this.evaluate(orgId, [...hosts]);
      } catch (error) {
        this.onError(error, orgId);
      }
    }
    this.running = null;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

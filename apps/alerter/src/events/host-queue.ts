/**
 * Coalesces evaluation requests: hosts asked for while an evaluation of their organisation
 * runs are evaluated together once it finishes, so a burst of batches (40 containers dying in
 * one minute arrive as a few batches) costs a few evaluations, not one per event. Up to
 * `concurrency` organisations are evaluated at once (an organisation never twice at once):
 * one at a time left every other organisation queued behind the slowest.
 *
 * An organisation's evaluations also start at most once per `windowMs`, unless a host was
 * asked for urgently (a container changed state, a host went offline, a check is down): the
 * hosts asked for in between wait for the window's end and are evaluated together. So a host
 * is evaluated at most once per window however fast its batches come — a fleet catching up
 * after an outage, or the benchmark's stream, sends them several times a second, a real agent
 * every 10 s — and readings that only move (samples, log lines) are told at most one window
 * late. Prometheus evaluates every rule once per interval whatever arrives; this is that with
 * a short interval, only for hosts that sent something, and events that matter at once.
 */
export class HostQueue {
  /** Per organisation, the hosts asked for and when each was first asked for (epoch ms). */
  private readonly pending = new Map<string, Map<string, number>>();
  /** Organisations with a host asked for urgently among their pending ones. */
  private readonly urgent = new Set<string>();
  private readonly running = new Set<string>();
  /** When each organisation's last evaluation started (performance.now()). */
  private readonly lastStart = new Map<string, number>();
  /** Per organisation waiting for its window: the timer that starts it. */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waiters: (() => void)[] = [];
  /** Evaluations started, and the hosts they covered (the alerter logs them when it stops). */
  readonly started = { evaluations: 0, hosts: 0 };

  constructor(
    private readonly evaluate: (
      orgId: string,
      hostIds: string[],
      heardAt: ReadonlyMap<string, number>,
    ) => Promise<void>,
    private readonly onError: (error: unknown, orgId: string) => void,
    private readonly concurrency = 1,
    private readonly windowMs = 0,
  ) {}

  add(orgId: string, hostId: string, urgent = false): void {
    const hosts = this.pending.get(orgId) ?? new Map<string, number>();
    if (!hosts.has(hostId)) hosts.set(hostId, Date.now());
    this.pending.set(orgId, hosts);
    if (urgent) this.urgent.add(orgId);
    this.startWhatFits();
  }

  /** Resolves once nothing is queued, waiting for its window or running (tests, shutdown). */
  idle(): Promise<void> {
    if (this.running.size === 0 && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Organisations with an urgent host first, then in the order they were asked for, skipping
   * those running or inside their window. An urgent one may also take one slot more than
   * `concurrency`: a container that died is not held behind organisations evaluating samples.
   */
  private startWhatFits(): void {
    const now = performance.now();
    const ordered = [...this.pending].sort(
      ([a], [b]) => Number(this.urgent.has(b)) - Number(this.urgent.has(a)),
    );
    for (const [orgId, hosts] of ordered) {
      const urgent = this.urgent.has(orgId);
      if (this.running.size >= this.concurrency + (urgent ? 1 : 0)) {
        if (urgent) continue;
        return;
      }
      if (this.running.has(orgId)) continue;
      const opens = (this.lastStart.get(orgId) ?? Number.NEGATIVE_INFINITY) + this.windowMs;
      if (!urgent && opens > now) {
        if (!this.timers.has(orgId)) {
          const timer = setTimeout(() => {
            this.timers.delete(orgId);
            this.startWhatFits();
          }, opens - now);
          this.timers.set(orgId, timer);
        }
        continue;
      }
      const timer = this.timers.get(orgId);
      if (timer) clearTimeout(timer);
      this.timers.delete(orgId);
      this.pending.delete(orgId);
      this.urgent.delete(orgId);
      this.running.add(orgId);
      this.lastStart.set(orgId, now);
      this.started.evaluations += 1;
      this.started.hosts += hosts.size;
      void this.run(orgId, hosts);
    }
  }

  private async run(orgId: string, hosts: ReadonlyMap<string, number>): Promise<void> {
    try {
      await this.evaluate(orgId, [...hosts.keys()], hosts);
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

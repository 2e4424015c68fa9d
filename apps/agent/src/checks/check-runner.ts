import { boundText, type CheckResult, type CheckSpec } from '@berth/protocol';
import { type ProbeOutcome, probe } from './probe.js';
import { type ContainerAddress, renderTarget } from './render-target.js';

export type CheckRunnerOptions = {
  /**
   * The container a check names, as the agent last saw it; null when it is not on this host,
   * `{ unavailable }` when it is but cannot be probed (stopped), saying why.
   */
  resolveContainer: (name: string) => ResolvedContainer | Promise<ResolvedContainer>;
  /** Every run's result, in run order per check: the agent queues them into its batches. */
  onResult: (result: CheckResult, container: ContainerAddress | null) => void;
  /** At most this many checks run at once (a host with hundreds of checks must not burst). */
  concurrency?: number;
  now?: () => number;
  /** 0..1; the first run of each check is delayed by random() × its interval (spreads a restart's burst). */
  random?: () => number;
  probe?: typeof probe;
};

export type ResolvedContainer = ContainerAddress | { unavailable: string } | null;

type Entry = {
  spec: CheckSpec;
  timer: NodeJS.Timeout | null;
  /** Consecutive failed attempts. */
  failures: number;
  running: boolean;
};

/**
 * Runs the checks the gateway pushed, each on its own timer with jitter, at most `concurrency`
 * at once. A check is `down` after `retries + 1` consecutive failures (`pending` before), `up`
 * on the next success. `apply` replaces the set: unchanged checks (same id and version) keep
 * their timers and failure counts, changed ones restart, removed ones stop.
 */
export class CheckRunner {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: Entry[] = [];
  private active = 0;
  private stopped = false;
  private readonly concurrency: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly runProbe: typeof probe;

  constructor(private readonly options: CheckRunnerOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.runProbe = options.probe ?? probe;
  }

  /** The checks this host should run now (all of them: what is not listed stops). */
  apply(specs: readonly CheckSpec[]): void {
    const wanted = new Map(specs.map((spec) => [spec.id, spec]));
    for (const [id, entry] of this.entries) {
      const next = wanted.get(id);
      if (!next || next.version !== entry.spec.version) this.remove(id);
    }
    for (const spec of specs) {
      if (this.entries.has(spec.id)) continue;
      const entry: Entry = { spec, timer: null, failures: 0, running: false };
      this.entries.set(spec.id, entry);
      this.schedule(entry, Math.floor(this.random() * spec.intervalS * 1000));
    }
  }

  /** Ids and versions running now (what the agent acknowledges to the gateway). */
  applied(): { id: string; version: number }[] {
    return [...this.entries.values()].map(({ spec }) => ({ id: spec.id, version: spec.version }));
  }

  stop(): void {
    this.stopped = true;
    for (const id of [...this.entries.keys()]) this.remove(id);
    this.queue.length = 0;
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.entries.delete(id);
    const queued = this.queue.indexOf(entry);
    if (queued >= 0) this.queue.splice(queued, 1);
  }

  private schedule(entry: Entry, delayMs: number): void {
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.enqueue(entry);
    }, delayMs);
    entry.timer.unref?.();
  }

  private enqueue(entry: Entry): void {
    if (this.stopped || this.entries.get(entry.spec.id) !== entry || entry.running) return;
    this.queue.push(entry);
    this.drain();
  }

  private drain(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const entry = this.queue.shift() as Entry;
      this.active++;
      entry.running = true;
      void this.runOnce(entry).finally(() => {
        this.active--;
        entry.running = false;
        // The next run is an interval after this one started its probe, not after it queued.
        if (!this.stopped && this.entries.get(entry.spec.id) === entry) {
          this.schedule(entry, entry.spec.intervalS * 1000);
        }
        this.drain();
      });
    }
  }

  private async runOnce(entry: Entry): Promise<void> {
    const { spec } = entry;
    const at = new Date(this.now()).toISOString();
    const resolved = spec.containerName ? await this.options.resolveContainer(spec.containerName) : null;
    const container = resolved && !('unavailable' in resolved) ? resolved : null;
    let outcome: ProbeOutcome;
    let renderedTarget = spec.target;
    if (spec.containerName && !container) {
      outcome = {
        ok: false,
        latencyMs: 0,
        slow: false,
        certExpiring: false,
        error:
          resolved && 'unavailable' in resolved
            ? resolved.unavailable
            : `container ${spec.containerName} is not on this host`,
      };
    } else {
      const rendered = renderTarget(spec.target, container);
      if (rendered.ok) {
        renderedTarget = rendered.target;
        outcome = await this.runProbe(spec, rendered.target, this.now);
      } else {
        outcome = { ok: false, latencyMs: 0, slow: false, certExpiring: false, error: rendered.error };
      }
    }
    // A check removed or changed while it ran reports nothing: its result belongs to no spec now.
    if (this.entries.get(spec.id) !== entry) return;
    entry.failures = outcome.ok ? 0 : entry.failures + 1;
    const status = outcome.ok ? 'up' : entry.failures > spec.retries ? 'down' : 'pending';
    this.options.onResult(
      {
        checkId: spec.id,
        version: spec.version,
        at,
        status,
        latencyMs: Math.max(0, Math.round(outcome.latencyMs)),
        slow: outcome.slow,
        certExpiring: outcome.certExpiring,
        renderedTarget: boundText(renderedTarget, 2048),
        ...(outcome.statusCode !== undefined ? { statusCode: outcome.statusCode } : {}),
        ...(outcome.error !== undefined ? { error: boundText(outcome.error, 1000) } : {}),
        ...(outcome.certExpiresAt !== undefined ? { certExpiresAt: outcome.certExpiresAt } : {}),
      },
      container,
    );
  }
}

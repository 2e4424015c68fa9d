import type { ConfiguredAutoheal, ContainerCheckResult, ContainerEvent } from '@berth/protocol';
import { LIMITS } from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import type { DockerEvent } from '../collectors/docker/docker-event-record.js';
import { DockerEventsWatcher } from '../collectors/docker/docker-events.js';
import { nowNs } from '../collectors/docker/docker-time.js';
import type { DockerEngine } from '../collectors/docker/engine-client/docker-engine.js';
import { BoundedBuffer } from '../collectors/shared/bounded-buffer.js';
import { boundText } from '../collectors/shared/truncate-utf8.js';
import { type AutohealPending, type AutohealStateEntry, AutohealStateFile } from './autoheal-state-file.js';
import {
  AUTOHEAL_LABEL,
  type AutohealLabels,
  type AutohealPolicy,
  autohealDelayMs,
  DEFAULT_AUTOHEAL,
  hasAutohealLabel,
  parseAutohealLabels,
} from './parse-autoheal-labels.js';

/** The actor every auto-restart record names, so audit and events tell it from people. */
export const AUTOHEAL_ACTOR = 'auto-restart';

/** Event actions auto-restart adds to the container's events (docs/autoheal.md). */
export const AUTOHEAL_EVENTS = {
  restart: 'autoheal_restart',
  gaveUp: 'autoheal_gave_up',
  invalidLabel: 'autoheal_invalid_label',
} as const;

/** Docker restart policies that already restart the container: Berth leaves it to Docker. */
const DOCKER_RESTARTS = new Set(['always', 'unless-stopped', 'on-failure']);

export type AutohealDecision = {
  containerId: string;
  kind: 'scheduled' | 'skipped' | 'gave_up' | 'restarted' | 'restart_failed';
  reason: string;
  /** For `scheduled`: the wait before the restart. */
  delayMs?: number;
};

export type AutohealOptions = {
  docker: Pick<DockerEngine, 'events' | 'container'>;
  log: Logger;
  /** A read-only agent observes only: nothing is restarted, whatever the labels say. */
  readOnly: boolean;
  /** Every decision taken, in order (logs and tests). */
  onDecision?: (decision: AutohealDecision) => void;
  /** Records held between drains; beyond it the oldest are dropped and counted. */
  maxBuffered?: number;
  /** Where the counts survive an agent restart (`<state dir>/autoheal.json`); memory only without. */
  statePath?: string;
  now?: () => number;
  /**
   * The label (and its `.`-suffixed settings) that asks for auto-restart: `berth.autoheal`.
   * Tests that share one Docker engine with other agents give each Autoheal a name of its own,
   * so no agent heals another test's containers (every Autoheal sees the whole engine).
   */
  label?: string;
};

type Tracked = {
  /** A kill or stop was asked for since the container last started: its next death is on purpose. */
  stopRequested: boolean;
  /** When each restart of the current window was issued (ms). */
  attempts: number[];
  /** Starts Berth issued whose `start` event has not arrived yet. */
  ownStarts: number;
  gaveUp: boolean;
  timer: NodeJS.Timeout | undefined;
  /**
   * A restart is in flight (`docker restart` waits up to its stop timeout): failures meanwhile are
   * the restart's own doing, not a new attempt's cause.
   */
  restarting: boolean;
  /** The container's name (the state file's key) and `State.StartedAt` of its current run. */
  name: string | undefined;
  startedAt: string | undefined;
  /** The failure a scheduled restart answers, kept on disk until the restart is issued. */
  pending: AutohealPending | undefined;
  /** The last label error reported, so one is reported once per change of the labels. */
  reportedLabelError: string | undefined;
};

type Failure = AutohealPending;

/**
 * Self-healing decided on the host: follows Docker's container events, and restarts a container
 * whose `berth.autoheal` label asks for it when it dies with a non-zero exit code (`on-failure`)
 * or also when Docker reports it unhealthy (`unhealthy`). Restarts back off exponentially; one
 * failure more than `max_attempts` inside the window is a crash loop: auto-restart gives up and
 * says so once. Every attempt becomes a container event with actor "auto-restart", held here until
 * the batcher drains it into a batch, so it reaches the gateway exactly once through the spool,
 * also after a disconnect. It needs no gateway: decisions use only the engine.
 *
 * What people did wins: a death after a kill or stop request (Berth's actions, `docker stop`,
 * compose down) is not healed, a container started by someone else cancels a pending restart and
 * the crash-loop count, and a container with a Docker restart policy is Docker's to restart.
 */
export class Autoheal {
  readonly #tracked = new Map<string, Tracked>();
  /** Policies defined in the console, by container name (for containers without autoheal labels). */
  #configured = new Map<string, AutohealPolicy>();
  readonly #buffer: BoundedBuffer<ContainerEvent>;
  readonly #now: () => number;
  readonly #label: string;
  readonly #stateFile: AutohealStateFile | undefined;
  /** What is on disk, by container name. */
  readonly #persisted = new Map<string, AutohealStateEntry>();
  #watcher: DockerEventsWatcher | undefined;
  #stopped = false;

  constructor(private readonly options: AutohealOptions) {
    this.#buffer = new BoundedBuffer(options.maxBuffered ?? 10_000);
    this.#now = options.now ?? Date.now;
    this.#label = options.label ?? AUTOHEAL_LABEL;
    this.#stateFile = options.statePath
      ? new AutohealStateFile(options.statePath, options.log, this.#now)
      : undefined;
  }

  /**
   * Restores the counts an earlier run left on disk (resuming a restart it had scheduled), then
   * follows the engine's events from now (events before the stream opens are still read).
   */
  async start(): Promise<void> {
    this.#stopped = false;
    const from = nowNs().toString();
    await this.#restore();
    this.#watcher = new DockerEventsWatcher(this.options.docker as DockerEngine, {
      logger: this.options.log,
      // Resuming from "now" makes the stream start here even if it opens a moment later; the
      // continuity probe then cannot find this made-up cursor, which says nothing: ignore it.
      resumeFrom: { timeNs: from, key: 'autoheal-start' },
      onGap: () => undefined,
      onEvent: (event) => this.#onEvent(event),
    });
    this.#watcher.start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const tracked of this.#tracked.values()) clearTimeout(tracked.timer);
    await this.#watcher?.stop();
    await this.#stateFile?.flushed();
  }

  /**
   * Each saved entry applies to the container of that name only if it is still the run the entry
   * was written for (same `StartedAt`): a start by someone else while the agent was down — or a
   * recreation, which starts a new container — clears the count, as it would have live. A
   * restart that was scheduled and not issued is scheduled again for what is left of its wait.
   */
  async #restore(): Promise<void> {
    if (!this.#stateFile) return;
    const saved = await this.#stateFile.load();
    const resume: { event: DockerEvent; failure: Failure }[] = [];
    for (const [name, entry] of saved) {
      let inspect: Awaited<ReturnType<ReturnType<DockerEngine['container']>['inspect']>>;
      try {
        inspect = await this.options.docker.container(name).inspect();
      } catch {
        continue;
      }
      if (inspect.Id !== entry.containerId || inspect.State.StartedAt !== entry.startedAt) continue;
      const tracked = this.#track(inspect.Id);
      Object.assign(tracked, {
        attempts: entry.attempts,
        gaveUp: entry.gaveUp,
        name,
        startedAt: entry.startedAt,
      });
      this.#persisted.set(name, entry);
      if (entry.pending && !inspect.State.Running && !entry.gaveUp)
        resume.push({
          event: {
            containerId: inspect.Id,
            action: 'restore',
            timeNs: BigInt(entry.pending.failedAtMs) * 1_000_000n,
            attributes: { ...(inspect.Config.Labels ?? {}), name },
            key: `${inspect.Id}|restore|${entry.pending.failedAtMs}`,
          },
          failure: entry.pending,
        });
    }
    if (saved.size !== this.#persisted.size) await this.#stateFile.save(this.#persisted);
    for (const { event, failure } of resume) {
      this.options.log.info(
        { containerId: event.containerId, reason: failure.reason },
        'auto-restart resumes a scheduled restart',
      );
      await this.#onFailure(event, failure);
    }
  }

  /** Writes the container's count (or its removal) to the state file. */
  #persist(tracked: Tracked, containerId: string): void {
    if (!this.#stateFile || tracked.name === undefined) return;
    if (tracked.attempts.length === 0 && !tracked.gaveUp && !tracked.pending)
      this.#persisted.delete(tracked.name);
    else
      this.#persisted.set(tracked.name, {
        containerId,
        startedAt: tracked.startedAt ?? '',
        attempts: tracked.attempts,
        gaveUp: tracked.gaveUp,
        ...(tracked.pending ? { pending: tracked.pending } : {}),
        updatedAtMs: this.#now(),
      });
    void this.#stateFile.save(this.#persisted);
  }

  /**
   * The auto-restart policies the gateway pushed, by container name (all of them: what is not
   * listed no longer applies). A container's own `berth.autoheal*` labels win over these.
   */
  setConfigured(policies: readonly ConfiguredAutoheal[]): void {
    this.#configured = new Map(policies.map(({ containerName, ...policy }) => [containerName, policy]));
  }

  /** Labels win; else the pushed policy of the container's name; else off. */
  #policyOf(attributes: Readonly<Record<string, string>>): AutohealLabels {
    if (hasAutohealLabel(attributes, this.#label)) return parseAutohealLabels(attributes, this.#label);
    const configured = this.#configured.get(attributes.name ?? '');
    return { ok: true, policy: configured ?? { mode: 'off', ...DEFAULT_AUTOHEAL } };
  }

  /** Whether auto-restart looks at this container at all (labelled, or a pushed policy names it). */
  #governs(attributes: Readonly<Record<string, string>>): boolean {
    return hasAutohealLabel(attributes, this.#label) || this.#configured.has(attributes.name ?? '');
  }

  /** Records since the previous drain, oldest first, for the batch's `events`. */
  drain(): ContainerEvent[] {
    const { items, dropped } = this.#buffer.drain();
    if (dropped > 0)
      this.options.log.warn({ dropped }, 'auto-restart records buffer was full: oldest dropped');
    return items;
  }

  /**
   * A Berth check (`berth.check.*` labels) that is down is a failure for `unhealthy`, like Docker's
   * health status: `down` already means the check's retries ran out. Only while the container
   * runs — a stopped container's checks are down because it stopped, which its exit decides.
   */
  onCheckResult(result: ContainerCheckResult): void {
    if (result.status !== 'down' || !result.containerId || this.#stopped) return;
    void this.#onCheckDown(result.containerId, result);
  }

  async #onCheckDown(shortId: string, result: ContainerCheckResult): Promise<void> {
    let inspect: Awaited<ReturnType<ReturnType<DockerEngine['container']>['inspect']>>;
    try {
      inspect = await this.options.docker.container(shortId).inspect();
    } catch {
      return;
    }
    const attributes = { ...(inspect.Config.Labels ?? {}), name: inspect.Name.replace(/^\//, '') };
    if (!inspect.State.Running || !this.#governs(attributes)) return;
    const failedAtMs = Date.parse(result.ts);
    const event: DockerEvent = {
      containerId: inspect.Id,
      action: 'check_down',
      timeNs: BigInt(failedAtMs) * 1_000_000n,
      attributes,
      key: `${inspect.Id}|check_down|${result.name}|${result.ts}`,
    };
    const error = result.error ? `: ${result.error}` : '';
    await this.#onFailure(event, {
      reason: `Berth check "${result.name}" is down${error}`,
      failedAtMs,
      kind: 'unhealthy',
    });
  }

  #onEvent(event: DockerEvent): void {
    // Docker repeats the container's labels (and its name) on its events: containers with neither
    // labels nor a pushed policy are none of our business.
    if (!this.#governs(event.attributes)) return;
    const id = event.containerId;
    const action = event.action.split(':', 1)[0]?.trim() ?? '';
    const tracked = this.#tracked.get(id);
    switch (action) {
      case 'kill':
      case 'stop':
        this.#track(id).stopRequested = true;
        return;
      case 'start':
        if (!tracked) return;
        tracked.stopRequested = false;
        if (tracked.ownStarts > 0) {
          tracked.ownStarts -= 1;
          return;
        }
        // Someone else started it: their call, and a fresh count.
        clearTimeout(tracked.timer);
        tracked.timer = undefined;
        tracked.attempts = [];
        tracked.gaveUp = false;
        tracked.pending = undefined;
        this.#persist(tracked, id);
        return;
      case 'destroy':
        if (!tracked) return;
        clearTimeout(tracked.timer);
        this.#tracked.delete(id);
        Object.assign(tracked, { attempts: [], gaveUp: false, pending: undefined });
        this.#persist(tracked, id);
        return;
      case 'die': {
        const failedAtMs = Number(event.timeNs / 1_000_000n);
        if (tracked?.stopRequested) {
          tracked.stopRequested = false;
          if (this.#mode(event) !== 'off')
            this.#decide(id, 'skipped', 'stopped on purpose (a kill or stop was requested)');
          return;
        }
        const code = Number(event.attributes.exitCode ?? '0');
        if (code === 0) return;
        void this.#onFailure(event, { reason: `exited with code ${code}`, failedAtMs, kind: 'exit' });
        return;
      }
      case 'health_status':
        if (!event.action.endsWith('unhealthy')) return;
        void this.#onFailure(event, {
          reason: 'Docker health check reports unhealthy',
          failedAtMs: Number(event.timeNs / 1_000_000n),
          kind: 'unhealthy',
        });
        return;
      default:
        return;
    }
  }

  #mode(event: DockerEvent): string {
    const parsed = this.#policyOf(event.attributes);
    return parsed.ok ? parsed.policy.mode : 'off';
  }

  async #onFailure(event: DockerEvent, failure: Failure): Promise<void> {
    const id = event.containerId;
    const parsed = this.#policyOf(event.attributes);
    if (!parsed.ok) {
      this.#reportLabelError(event, parsed.label, parsed.error);
      return;
    }
    const { policy } = parsed;
    if (policy.mode === 'off' || (failure.kind === 'unhealthy' && policy.mode !== 'unhealthy')) return;
    if (this.options.readOnly) {
      this.#decide(id, 'skipped', 'the agent is read-only');
      return;
    }
    const tracked = this.#track(id);
    if (tracked.gaveUp) {
      // Said once when it gave up; a container that keeps failing (a down check) stays given up.
      this.#decide(id, 'skipped', 'gave up on this run: waiting for someone to start it');
      return;
    }
    if (tracked.timer || tracked.restarting) return;
    const state = await this.#dockerRestartPolicy(id);
    if (state === null) {
      this.#decide(id, 'skipped', 'the container is gone');
      return;
    }
    const restartPolicy = state.policy;
    if (DOCKER_RESTARTS.has(restartPolicy)) {
      this.#decide(id, 'skipped', `Docker's restart policy "${restartPolicy}" restarts it`);
      return;
    }
    if (this.#stopped || tracked.timer || tracked.restarting || tracked.gaveUp) return;
    tracked.name = state.name;
    tracked.startedAt = state.startedAt;
    const now = this.#now();
    tracked.attempts = tracked.attempts.filter((at) => at > now - policy.windowMs);
    if (tracked.attempts.length >= policy.maxAttempts) {
      tracked.gaveUp = true;
      tracked.pending = undefined;
      this.#persist(tracked, id);
      this.#record(event, AUTOHEAL_EVENTS.gaveUp, now, {
        reason: failure.reason,
        attempts: String(tracked.attempts.length),
        window_ms: String(policy.windowMs),
      });
      this.#decide(id, 'gave_up', `crash loop: ${tracked.attempts.length} restarts within the window`);
      this.options.log.warn(
        { containerId: id, attempts: tracked.attempts.length, reason: failure.reason },
        'auto-restart gave up: the container is crash-looping',
      );
      return;
    }
    const delayMs = Math.max(
      0,
      autohealDelayMs(policy, tracked.attempts.length) - Math.max(0, now - failure.failedAtMs),
    );
    const attempt = tracked.attempts.length + 1;
    this.#decide(id, 'scheduled', failure.reason, delayMs);
    tracked.pending = { reason: failure.reason, failedAtMs: failure.failedAtMs, kind: failure.kind };
    this.#persist(tracked, id);
    tracked.timer = setTimeout(() => {
      tracked.timer = undefined;
      void this.#restart(event, tracked, failure, policy, attempt);
    }, delayMs);
  }

  async #restart(
    event: DockerEvent,
    tracked: Tracked,
    failure: Failure,
    policy: AutohealPolicy,
    attempt: number,
  ): Promise<void> {
    if (this.#stopped || this.#tracked.get(event.containerId) !== tracked) return;
    const container = this.options.docker.container(event.containerId);
    const at = this.#now();
    tracked.attempts.push(at);
    tracked.pending = undefined;
    tracked.ownStarts += 1;
    tracked.restarting = true;
    let outcome = 'started';
    try {
      if (failure.kind === 'unhealthy') await container.restart(10);
      else await container.start();
    } catch (error) {
      tracked.ownStarts -= 1;
      outcome = `failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      tracked.restarting = false;
    }
    // A start of a running container succeeds without a `start` event: it was not ours to count.
    this.#record(event, AUTOHEAL_EVENTS.restart, at, {
      reason: failure.reason,
      attempt: String(attempt),
      max_attempts: String(policy.maxAttempts),
      delay_ms: String(at - failure.failedAtMs),
      failed_at: new Date(failure.failedAtMs).toISOString(),
      outcome,
    });
    this.options.log.info(
      { containerId: event.containerId, attempt, reason: failure.reason, outcome },
      'auto-restart restarted a container',
    );
    this.#decide(event.containerId, outcome === 'started' ? 'restarted' : 'restart_failed', failure.reason);
    // The run this restart began is the one a restored count belongs to (read after the record,
    // so a death meanwhile cannot put its give-up before this restart in the events).
    if (outcome === 'started')
      tracked.startedAt = await container
        .inspect()
        .then((inspect) => inspect.State.StartedAt)
        .catch(() => tracked.startedAt);
    this.#persist(tracked, event.containerId);
  }

  /** Docker's restart policy and the facts the state file keys on; null when the container is gone. */
  async #dockerRestartPolicy(
    id: string,
  ): Promise<{ policy: string; name: string; startedAt: string } | null> {
    try {
      const inspect = await this.options.docker.container(id).inspect();
      const policy = inspect.HostConfig.RestartPolicy as { Name?: string } | undefined;
      return {
        policy: policy?.Name ?? 'no',
        name: inspect.Name.replace(/^\//, ''),
        startedAt: inspect.State.StartedAt,
      };
    } catch {
      return null;
    }
  }

  #reportLabelError(event: DockerEvent, label: string, error: string): void {
    const tracked = this.#track(event.containerId);
    const key = `${label}=${event.attributes[label] ?? ''}: ${error}`;
    if (tracked.reportedLabelError === key) return;
    tracked.reportedLabelError = key;
    this.options.log.warn({ containerId: event.containerId, label, error }, 'auto-restart label is invalid');
    this.#record(event, AUTOHEAL_EVENTS.invalidLabel, this.#now(), { label, error });
    this.#decide(event.containerId, 'skipped', `label ${label}: ${error}`);
  }

  #record(event: DockerEvent, action: string, atMs: number, attributes: Record<string, string>): void {
    const bounded: Record<string, string> = { actor: AUTOHEAL_ACTOR };
    const name = event.attributes.name;
    if (name !== undefined) bounded.name = name;
    for (const [key, value] of Object.entries(attributes))
      bounded[key] = boundText(value, LIMITS.maxLabelValueBytes);
    this.#buffer.push({
      containerId: event.containerId.slice(0, 12),
      ts: new Date(atMs).toISOString(),
      action,
      attributes: bounded,
      count: 1,
    });
  }

  #decide(containerId: string, kind: AutohealDecision['kind'], reason: string, delayMs?: number): void {
    this.options.log.debug({ containerId, kind, reason, delayMs }, 'auto-restart decision');
    this.options.onDecision?.({ containerId, kind, reason, ...(delayMs === undefined ? {} : { delayMs }) });
  }

  #track(id: string): Tracked {
    let tracked = this.#tracked.get(id);
    if (!tracked) {
      tracked = {
        stopRequested: false,
        attempts: [],
        ownStarts: 0,
        restarting: false,
        gaveUp: false,
        timer: undefined,
        name: undefined,
        startedAt: undefined,
        pending: undefined,
        reportedLabelError: undefined,
      };
      this.#tracked.set(id, tracked);
    }
    return tracked;
  }
}

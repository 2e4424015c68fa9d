import { createHash } from 'node:crypto';
import {
  type CheckResult,
  type CheckSpec,
  type ConfiguredCheck,
  type ContainerCheckResult,
  ZCheckSpecSchema,
} from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import type { DockerEngine } from '../collectors/docker/engine-client/docker-engine.js';
import type { ContainerSummary } from '../collectors/docker/engine-client/engine-types.js';
import { toPorts } from '../collectors/docker/map-inventory.js';
import { BoundedBuffer } from '../collectors/shared/bounded-buffer.js';
import { CheckRunner, type CheckRunnerOptions, type ResolvedContainer } from './check-runner.js';
import { CHECK_LABEL_PREFIX, type LabelCheck, parseCheckLabels } from './parse-check-labels.js';
import type { ContainerAddress } from './render-target.js';

export type LabelChecksOptions = {
  docker: Pick<DockerEngine, 'listContainers'>;
  log: Logger;
  /** How often the containers' labels are read again (a new or changed check starts within this). */
  syncIntervalMs?: number;
  /** Results held between drains; beyond it the oldest are dropped and counted. */
  maxBuffered?: number;
  runner?: Pick<CheckRunnerOptions, 'concurrency' | 'now' | 'random' | 'probe'>;
  /** Each result as it is held for the batch (auto-restart heals on a check that is down). */
  onResult?: (result: ContainerCheckResult) => void;
};

/** A check's spec with the name it has on its container. */
export type NamedCheck = { name: string; spec: CheckSpec };

type Known = { id: string; state: string; address: ContainerAddress };
type Meta = { containerName: string; name: string; kind: CheckSpec['kind'] };

/**
 * Health checks defined by containers' `berth.check.*` labels (docs/checks.md), merged with the
 * checks defined in the console that the gateway pushed (`setConfigured`): reads every
 * container's labels on a timer, runs what they define with the check runner, and holds each
 * run's result until the batcher drains it into a batch (the spool and its exactly-once path).
 * Labels that do not parse are reported as a `down` result whose error names the label, once
 * per change of the labels, instead of stopping anything. Where a label check and a configured
 * check share a container and a name, the label wins (the compose file is what runs there) and
 * the configured one is reported, once, as a `down` result saying so.
 */
export class LabelChecks {
  readonly #runner: CheckRunner;
  readonly #buffer: BoundedBuffer<ContainerCheckResult>;
  #containers = new Map<string, Known>();
  /** The specs applied by the last sync (label and configured), for `checksOf`. */
  #specs: readonly CheckSpec[] = [];
  #meta = new Map<string, Meta>();
  /** Checks defined in the console, as last pushed (or loaded from the state directory). */
  #configured: readonly ConfiguredCheck[] = [];
  /** Label errors reported so far, by container and check name: reported again only when they change. */
  #reported = new Map<string, string>();
  #timer: NodeJS.Timeout | undefined;
  #syncing: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(private readonly options: LabelChecksOptions) {
    this.#buffer = new BoundedBuffer(options.maxBuffered ?? 10_000);
    this.#runner = new CheckRunner({
      ...options.runner,
      resolveContainer: (name) => this.#resolve(name),
      onResult: (result, container) => this.#onResult(result, container),
    });
  }

  /** Reads the labels once (so the first checks are scheduled), then on the sync timer. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.sync().catch((error: unknown) =>
      this.options.log.warn({ err: error }, 'reading check labels failed; trying again on the timer'),
    );
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#runner.stop();
  }

  /** Results since the previous drain, oldest first, as a batch's `checkResults` (absent when none). */
  drain(): { checkResults?: ContainerCheckResult[] } {
    const { items, dropped } = this.#buffer.drain();
    if (dropped > 0)
      this.options.log.warn({ dropped }, 'check results buffer was full: oldest results dropped');
    return items.length > 0 ? { checkResults: items } : {};
  }

  /**
   * The console-defined checks to run from now on (all of them: what is not listed stops).
   * Applied with a sync started now (resolves once they are scheduled); if Docker cannot be
   * listed now, with the next sync on the timer.
   */
  setConfigured(checks: readonly ConfiguredCheck[]): Promise<void> {
    this.#configured = checks;
    return this.sync().catch((error: unknown) =>
      this.options.log.warn(
        { err: error },
        'listing containers failed; configured checks start on the next sync',
      ),
    );
  }

  /** Reads every container's labels now and applies the checks they define. One at a time. */
  sync(): Promise<void> {
    this.#syncing = this.#syncing.then(
      () => this.#sync(),
      () => this.#sync(),
    );
    return this.#syncing;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.sync()
        .catch((error: unknown) => this.options.log.warn({ err: error }, 'reading check labels failed'))
        .finally(() => this.#schedule());
    }, this.options.syncIntervalMs ?? 10_000);
    this.#timer.unref?.();
  }

  async #sync(): Promise<void> {
    const summaries = await this.options.docker.listContainers({
      all: true,
      signal: AbortSignal.timeout(10_000),
    });
    const containers = new Map<string, Known>();
    const meta = new Map<string, Meta>();
    const reported = new Map<string, string>();
    const specs: CheckSpec[] = [];
    const now = new Date(this.options.runner?.now?.() ?? Date.now()).toISOString();
    const configuredNames = new Set(this.#configured.map((check) => check.containerName));
    const labelled = new Set<string>();
    for (const summary of summaries) {
      const labels = summary.Labels ?? {};
      const containerName = (summary.Names?.[0] ?? '').replace(/^\//, '');
      if (!containerName) continue;
      if (configuredNames.has(containerName)) containers.set(containerName, toKnown(summary, containerName));
      if (!Object.keys(labels).some((key) => key.startsWith(CHECK_LABEL_PREFIX))) continue;
      containers.set(containerName, toKnown(summary, containerName));
      const { checks, errors } = parseCheckLabels(labels);
      for (const check of checks) {
        const spec = toSpec(containerName, check);
        labelled.add(`${containerName}\u0000${check.name}`);
        if ('error' in spec) errors.push({ name: check.name, kind: check.kind, error: spec.error });
        else {
          specs.push(spec);
          meta.set(spec.id, { containerName, name: check.name, kind: check.kind });
        }
      }
      for (const { name, kind, error } of errors) {
        const key = `${containerName}\u0000${name}`;
        reported.set(key, error);
        if (this.#reported.get(key) === error) continue;
        this.options.log.warn({ container: containerName, check: name, error }, 'check labels are invalid');
        this.#buffer.push({
          containerName,
          containerId: summary.Id.slice(0, 12),
          name,
          ...(kind ? { kind } : {}),
          ts: now,
          status: 'down',
          latencyMs: 0,
          slow: false,
          error: error.slice(0, 1000),
          certExpiring: false,
          target: '',
        });
      }
    }
    for (const check of this.#configured) {
      const key = `${check.containerName}\u0000${check.name}`;
      if (!labelled.has(key)) {
        const { name, ...spec } = check;
        specs.push(spec);
        meta.set(spec.id, { containerName: check.containerName, name, kind: check.kind });
        continue;
      }
      const error = `the container's label check "${check.name}" (berth.check.*) overrides the check of that name defined in Berth, which does not run here`;
      const overrideKey = `override\u0000${key}`;
      reported.set(overrideKey, error);
      if (this.#reported.get(overrideKey) === error) continue;
      this.options.log.warn(
        { container: check.containerName, check: check.name },
        'label check overrides a configured check',
      );
      this.#buffer.push({
        containerName: check.containerName,
        ...(containers.get(check.containerName)?.id
          ? { containerId: containers.get(check.containerName)?.id }
          : {}),
        name: check.name,
        kind: check.kind,
        ts: now,
        status: 'down',
        latencyMs: 0,
        slow: false,
        error,
        certExpiring: false,
        target: '',
      });
    }
    this.#containers = containers;
    this.#specs = specs;
    this.#meta = meta;
    this.#reported = reported;
    if (!this.#stopped) this.#runner.apply(specs);
  }

  /**
   * The checks that run on a container (by name), as of the last sync: what `container.update`
   * also waits on before it keeps a new container (a recreate keeps the name, the labels and
   * the checks the console defined for it).
   */
  checksOf(containerName: string): NamedCheck[] {
    return this.#specs
      .filter((spec) => spec.containerName === containerName)
      .map((spec) => ({ name: this.#meta.get(spec.id)?.name ?? spec.id, spec }));
  }

  #resolve(containerName: string): ResolvedContainer {
    const known = this.#containers.get(containerName);
    if (!known) return null;
    if (known.state !== 'running') return { unavailable: `container ${containerName} is ${known.state}` };
    return known.address;
  }

  #onResult(result: CheckResult, container: ContainerAddress | null): void {
    const meta = this.#meta.get(result.checkId);
    if (!meta) return;
    const held: ContainerCheckResult = {
      containerName: meta.containerName,
      ...(container?.id ? { containerId: container.id } : {}),
      name: meta.name,
      kind: meta.kind,
      ts: result.at,
      status: result.status,
      latencyMs: result.latencyMs,
      slow: result.slow,
      ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
      ...(result.error !== undefined ? { error: result.error } : {}),
      ...(result.certExpiresAt !== undefined ? { certExpiresAt: result.certExpiresAt } : {}),
      certExpiring: result.certExpiring,
      target: result.renderedTarget,
    };
    this.#buffer.push(held);
    this.options.onResult?.(held);
  }
}

/**
 * Where a container can be reached: its own address, or the host's on `--network host`. One
 * without any (`--network none`) can still carry a check of a literal target; only placeholders
 * that need its address fail, saying why.
 */
function toKnown(summary: ContainerSummary, containerName: string): Known {
  return {
    id: summary.Id.slice(0, 12),
    state: summary.State,
    address: containerAddress(summary, containerName),
  };
}

/** A listed container's address for rendering check targets (also used by `container.update`). */
export function containerAddress(summary: ContainerSummary, containerName: string): ContainerAddress {
  const id = summary.Id.slice(0, 12);
  const ports = toPorts(summary.Ports ?? []);
  if (summary.HostConfig?.NetworkMode === 'host') return { ip: null, ports, id };
  const ip = Object.values(summary.NetworkSettings?.Networks ?? {}).find(
    (network) => network?.IPAddress,
  )?.IPAddress;
  const unaddressable = `container ${containerName} has no network address`;
  return ip ? { ip, ports, id } : { ip: null, ports, id, unaddressable };
}

/**
 * The runner's spec of a label check. Its id is derived from the container and check names (so
 * it is the same check after a restart or a recreate); its version from what the labels say, so
 * a changed label restarts the check and unchanged labels keep its timer and failure count.
 */
function toSpec(containerName: string, check: LabelCheck): CheckSpec | { error: string } {
  const { name, ...rest } = check;
  const digest = (text: string) => createHash('sha256').update(text).digest('hex');
  const idHex = digest(`${containerName}\u0000${name}`);
  const id = `${idHex.slice(0, 8)}-${idHex.slice(8, 12)}-8${idHex.slice(13, 16)}-8${idHex.slice(17, 20)}-${idHex.slice(20, 32)}`;
  const version = Number.parseInt(digest(JSON.stringify(rest)).slice(0, 7), 16) + 1;
  const parsed = ZCheckSpecSchema.safeParse({ ...rest, id, version, containerName });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  return { error: `berth.check.${name}.*: ${problems.join('; ')}` };
}

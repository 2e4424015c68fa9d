import { containerAddress, type NamedCheck } from '../../checks/label-checks.js';
import { probe } from '../../checks/probe.js';
import { renderTarget } from '../../checks/render-target.js';
import type { DockerEngine, EngineContainer } from '../../collectors/index.js';

export type ChecksWait = {
  /** When the whole health wait (Docker's part included) runs out. */
  deadline: number;
  /** Between two rounds of probes. */
  pollMs?: number;
  probe?: typeof probe;
};

/**
 * After Docker's health (or the settle time) the new container must also pass each Berth check
 * that runs on it (label or console-defined, docs/checks.md): each is probed against the NEW
 * container's address until it succeeds once, without waiting for the check's own interval.
 * Rejects naming the check and its last error when the deadline comes first, or at once when
 * the container stops meanwhile (the update then rolls back).
 */
export async function waitForChecks(
  docker: Pick<DockerEngine, 'listContainers'>,
  container: EngineContainer,
  name: string,
  checks: readonly NamedCheck[],
  wait: ChecksWait,
): Promise<string> {
  if (checks.length === 0) return '';
  const run = wait.probe ?? probe;
  const pending = new Map(checks.map((check) => [check.name, check]));
  const lastError = new Map<string, string>();
  for (;;) {
    const info = await container.inspect();
    if (!info.State.Running) throw new Error(`the new container stopped (exit code ${info.State.ExitCode})`);
    const summary = (await docker.listContainers({ all: true })).find((c) => c.Id === info.Id);
    const address = summary ? containerAddress(summary, name) : null;
    for (const { name: check, spec } of [...pending.values()]) {
      const rendered = renderTarget(spec.target, address);
      const outcome = rendered.ok ? await run(spec, rendered.target) : { ok: false, error: rendered.error };
      if (outcome.ok) pending.delete(check);
      else lastError.set(check, outcome.error ?? 'failed');
    }
    if (pending.size === 0)
      return `Berth check${checks.length > 1 ? 's' : ''} ${checks.map((c) => c.name).join(', ')} up`;
    if (Date.now() >= wait.deadline) {
      const failing = [...pending.keys()].map((check) => `${check} (${lastError.get(check) ?? 'no answer'})`);
      throw new Error(`Berth check ${failing.join(', ')} still failing when the health wait ran out`);
    }
    await new Promise((resolve) => setTimeout(resolve, wait.pollMs ?? 1000));
  }
}

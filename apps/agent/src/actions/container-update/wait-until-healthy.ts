import type { EngineContainer } from '../../collectors/index.js';

export type HealthWait = {
  /** How long the container may take to become healthy (or to prove it stays up). */
  timeoutMs: number;
  /** Without a Docker health check: how long it must run with no restart to count as up. */
  settleMs: number;
  /** Between two inspections. */
  pollMs?: number;
};

/**
 * Resolves once the new container is good: Docker reports it `healthy` when it has a health
 * check, otherwise it has run `settleMs` without stopping or being restarted. Rejects with the
 * reason as soon as it is clearly bad (exited, restarted by its policy, `unhealthy`) or when
 * the time is up. The engine has no "became healthy" event for one container worth following
 * here, so this inspects on a short interval, bounded by the timeout.
 */
export async function waitUntilHealthy(container: EngineContainer, wait: HealthWait): Promise<string> {
  const deadline = Date.now() + wait.timeoutMs;
  const first = await container.inspect();
  const restarts = first.RestartCount;
  let upSince: number | null = null;
  for (;;) {
    const info = await container.inspect();
    const state = info.State;
    if (info.RestartCount !== restarts || state.Restarting)
      throw new Error(`the new container was restarted by its restart policy (exit code ${state.ExitCode})`);
    if (!state.Running && state.Status !== 'created')
      throw new Error(`the new container stopped (exit code ${state.ExitCode})`);
    const health = state.Health?.Status;
    if (health === 'healthy') return 'healthy (Docker health check)';
    if (health === 'unhealthy') throw new Error('Docker reports the new container unhealthy');
    if (health === undefined && state.Running) {
      upSince ??= Date.now();
      if (Date.now() - upSince >= wait.settleMs)
        return `running for ${Math.round(wait.settleMs / 1000)} s without a restart`;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        health === undefined
          ? `the new container did not stay up for ${Math.round(wait.settleMs / 1000)} s within ${Math.round(wait.timeoutMs / 1000)} s`
          : `the new container was still "${health}" after ${Math.round(wait.timeoutMs / 1000)} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, wait.pollMs ?? 250));
  }
}

import { containerObservation, type Observation } from '../observation.js';
import type { Condition, ScopedContainer } from './condition.js';

/**
 * Container states and events. State-like triggers hold while the state does (`died`: exited
 * non-zero and not started again; `stopped`: not running; `unhealthy`), so the alert resolves
 * when the container runs again, becomes healthy, or is removed. Event-like triggers
 * (`oom_killed`, `started`, `crash_loop`, `update_failed` — a failed `container.update`, which
 * the agent rolled back if it got as far as replacing the container) hold while enough such events are in the rule's
 * window. A stop Berth was asked for (actions: stop/restart/kill) is not an alert: the
 * container's `stoppedByBerth`, and for crash loops the deaths inside such an action's window
 * do not count.
 */
export const evaluateContainerState: Condition<'container_state'> = async (input) => {
  const { rule, containers, now } = input;
  if (containers.length === 0) return [];
  const { params } = rule.definition;
  const out: Observation[] = [];
  const push = (scoped: ScopedContainer, summary: string, value: number | null) =>
    out.push(containerObservation(rule, scoped.host, scoped.container, { summary, value }));

  switch (params.event) {
    case 'died':
    case 'stopped':
      for (const scoped of containers) {
        const { container, host } = scoped;
        if (container.state !== 'exited' && container.state !== 'dead') continue;
        if (container.stoppedByBerth) continue;
        const code = container.exitCode;
        if (params.event === 'died' && (code === null || code === 0)) continue;
        push(scoped, `${container.name} on ${host.name} ${exitWords(code)}`, code);
      }
      return out;
    case 'unhealthy':
      for (const scoped of containers) {
        if (scoped.container.health !== 'unhealthy') continue;
        push(scoped, `${scoped.container.name} on ${scoped.host.name} is unhealthy`, null);
      }
      return out;
    default: {
      const action = EVENT_ACTIONS[params.event];
      const counts = await input.readings.eventCounts(
        action,
        new Date(now.getTime() - params.windowMinutes * 60_000),
        params.event === 'crash_loop',
      );
      const threshold = params.event === 'crash_loop' ? params.restarts : 1;
      for (const scoped of containers) {
        const n = counts.get(`${scoped.host.id}/${scoped.container.shortId}`) ?? 0;
        if (n < threshold) continue;
        const { name } = scoped.container;
        const where = `${name} on ${scoped.host.name}`;
        const summary =
          params.event === 'oom_killed'
            ? `${where} was OOM-killed`
            : params.event === 'started'
              ? `${where} started`
              : params.event === 'update_failed'
                ? `the update of ${where} failed`
                : `${where} is crash-looping: ${n} restarts in ${params.windowMinutes} min`;
        push(scoped, summary, n);
      }
      return out;
    }
  }
};

/** The container event each event-like trigger counts (`update_failed`: written by the gateway). */
const EVENT_ACTIONS = {
  oom_killed: 'oom',
  started: 'start',
  crash_loop: 'die',
  update_failed: 'update_failed',
} as const;

function exitWords(code: number | null): string {
  if (code === null) return 'stopped';
  if (code === 0) return 'stopped (exit code 0)';
  if (code === 137) return 'exited with code 137 (killed)';
  return `exited with code ${code}`;
}

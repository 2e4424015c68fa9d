import { containerObservation, type Observation } from '../observation.js';
import type { Condition, ScopedContainer } from './condition.js';

/**
 * Container states and events. State-like triggers hold while the state does (`died`: exited
 * non-zero and not started again; `stopped`: not running; `unhealthy`), so the alert resolves
 * when the container runs again, becomes healthy, or is removed. Event-like triggers
 * (`oom_killed`, `started`, `crash_loop`, `healing_gave_up`, `update_failed`) hold while enough
 * such events are in the rule's window: one give-up of the agent's auto-restart is one alert, and
 * so is one failed `container.update` (rolled back by the agent if it got as far as replacing the
 * container). A stop Berth was asked for (actions: stop/restart/kill) is not an alert: the
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
        const n = counts.get(scoped.container.key) ?? 0;
        if (n < threshold) continue;
        const { name } = scoped.container;
        const summary = eventSummary(params.event, `${name} on ${scoped.host.name}`, n, params.windowMinutes);
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
  healing_gave_up: 'autoheal_gave_up',
  update_failed: 'update_failed',
} as const;

function eventSummary(
  event: keyof typeof EVENT_ACTIONS,
  where: string,
  n: number,
  windowMinutes: number,
): string {
  switch (event) {
    case 'oom_killed':
      return `${where} was OOM-killed`;
    case 'started':
      return `${where} started`;
    case 'healing_gave_up':
      return `${where} is crash-looping: auto-restart gave up`;
    case 'update_failed':
      return `the update of ${where} failed`;
    case 'crash_loop':
      return `${where} is crash-looping: ${n} restarts in ${windowMinutes} min`;
  }
}

function exitWords(code: number | null): string {
  if (code === null) return 'stopped';
  if (code === 0) return 'stopped (exit code 0)';
  if (code === 137) return 'exited with code 137 (killed)';
  return `exited with code ${code}`;
}

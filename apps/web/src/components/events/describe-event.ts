import type { Tone } from '@/components/ui/status-badge';

const DANGER = new Set(['die', 'oom', 'kill', 'destroy', 'autoheal_gave_up']);
const OK = new Set(['start', 'unpause', 'create']);
const WARN = new Set(['stop', 'pause', 'restart', 'autoheal_restart', 'autoheal_invalid_label']);

/** `die`/`oom`/`health_status: unhealthy` → danger, `start`/`healthy` → ok, … */
export function eventTone(action: string): Tone {
  const [verb, status] = action.split(':').map((part) => part.trim());
  if (verb === 'health_status') {
    if (status === 'healthy') return 'ok';
    if (status === 'unhealthy') return 'danger';
    return 'warn';
  }
  if (verb && DANGER.has(verb)) return 'danger';
  if (verb && OK.has(verb)) return 'ok';
  if (verb && WARN.has(verb)) return 'warn';
  return 'neutral';
}

/** Docker's attributes worth reading in a list: `exit code 137 · signal 9 · image nginx:1.27`. */
export function describeEventAttributes(attributes: Record<string, unknown>): string {
  const facts: string[] = [];
  const text = (key: string) => {
    const value = attributes[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  };
  // The agent's auto-restart records (docs/autoheal.md) say who acted and why first.
  const actor = text('actor');
  if (actor !== null) facts.push(`by ${actor}`);
  const reason = text('reason');
  if (reason !== null) facts.push(reason);
  const attempt = text('attempt');
  const maxAttempts = text('max_attempts');
  if (attempt !== null) facts.push(`attempt ${attempt}${maxAttempts === null ? '' : ` of ${maxAttempts}`}`);
  const attempts = text('attempts');
  if (attempts !== null) facts.push(`gave up after ${attempts} restarts`);
  const outcome = text('outcome');
  if (outcome !== null && outcome !== 'started') facts.push(outcome);
  const label = text('label');
  if (label !== null) facts.push(`label ${label}: ${text('error') ?? 'invalid'}`);
  const exitCode = text('exitCode');
  if (exitCode !== null) facts.push(`exit code ${exitCode}`);
  const signal = text('signal');
  if (signal !== null) facts.push(`signal ${signal}`);
  const oldName = text('oldName');
  if (oldName !== null) facts.push(`was ${oldName.replace(/^\//, '')}`);
  const image = text('image');
  if (image !== null) facts.push(`image ${image}`);
  return facts.join(' · ');
}

/** The exit code of a `die` event decides its colour: 0 is a clean stop, anything else a crash. */
export function eventToneOf(event: { action: string; attributes: Record<string, unknown> }): Tone {
  if (event.action === 'die') return String(event.attributes.exitCode ?? '') === '0' ? 'neutral' : 'danger';
  return eventTone(event.action);
}

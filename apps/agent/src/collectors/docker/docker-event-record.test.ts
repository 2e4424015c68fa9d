import { readFileSync } from 'node:fs';
import { ZContainerEventSchema } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import { isRecordedAction, parseDockerEventLine, toContainerEvent } from './docker-event-record.js';

/** `docker run` (with a 1 s health check), `docker restart -t 1`, `docker stop -t 1`, `docker rm`. */
const lines = readFileSync(new URL('./fixtures/events-run-restart-stop-rm.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean);

describe('Docker event records from a recorded events stream', () => {
  const events = lines.map(parseDockerEventLine);

  it('reads every line as a container event with the exact nanosecond time', () => {
    expect(events.every((event) => event !== null)).toBe(true);
    // JSON.parse would round this to …538170368; the digits are taken from the text.
    expect(events[0]?.timeNs).toBe(1_795_426_437_538_170_258n);
    expect(events[0]?.key).toBe(
      'ff0b6ead1af2829e8cf48fa41e10fafae8e9f0aac1f3037a3f11dd1fba4b7115|create|1795426437538170258',
    );
  });

  it('keeps lifecycle and health actions and leaves out exec noise', () => {
    const kept = events
      .filter((event) => event && isRecordedAction(event.action))
      .map((event) => event?.action);
    expect(kept).toEqual([
      'create',
      'start',
      'health_status: healthy',
      'kill',
      'kill',
      'die',
      'stop',
      'start',
      'restart',
      'kill',
      'kill',
      'die',
      'stop',
      'destroy',
    ]);
  });

  it('maps to protocol records with a short id, ISO time and only Docker’s own attributes', () => {
    const die = events.find((event) => event?.action === 'die');
    if (!die) throw new Error('no die event in the fixture');
    const record = toContainerEvent(die);
    expect(record).toEqual({
      containerId: 'ff0b6ead1af2',
      ts: '2026-11-23T09:34:00.436387318Z',
      action: 'die',
      attributes: { exitCode: '137', image: 'berth-test/busybox:latest', name: 'berth-fx-events' },
      count: 1,
    });
    expect(ZContainerEventSchema.safeParse(record).success).toBe(true);
  });

  it('ignores non-container events and junk', () => {
    expect(parseDockerEventLine('{"Type":"network","Action":"connect","Actor":{"ID":"x"}}')).toBeNull();
    expect(parseDockerEventLine('not json')).toBeNull();
    expect(parseDockerEventLine('{"Type":"container","Action":"start","Actor":{"ID":"short"}}')).toBeNull();
  });
});

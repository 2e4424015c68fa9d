import { describe, expect, it } from 'vitest';
import { parseActionFilters, parseAuditFilters, parseEventFilters, zonedLocalToIso } from './history-filters';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const HOST = '3f0e8a52-4a8f-4a43-9d7e-0d2f5c1b2a10';

describe('zonedLocalToIso', () => {
  it('reads a datetime-local value in the user zone, on both sides of a DST change', () => {
    expect(zonedLocalToIso('2026-11-23T09:30', 'Europe/Paris')).toBe('2026-11-23T08:30:00.000Z');
    expect(zonedLocalToIso('2026-07-01T09:30', 'Europe/Paris')).toBe('2026-07-01T07:30:00.000Z');
    expect(zonedLocalToIso('2026-03-08T12:00', 'America/New_York')).toBe('2026-03-08T16:00:00.000Z');
    expect(zonedLocalToIso('2026-11-23T09:30', 'UTC')).toBe('2026-11-23T09:30:00.000Z');
  });

  it('refuses malformed or impossible dates', () => {
    expect(zonedLocalToIso('2026-02-30T10:00', 'UTC')).toBeNull();
    expect(zonedLocalToIso('yesterday', 'UTC')).toBeNull();
  });
});

describe('parseEventFilters', () => {
  it('defaults to the last 24 hours and passes valid filters to the API', () => {
    const parsed = parseEventFilters(
      { hostId: HOST, containerId: 'abcdef012345', action: 'health_status: unhealthy' },
      { timeZone: 'UTC', now: NOW },
    );
    expect(parsed.query).toEqual({
      hostId: HOST,
      containerId: 'abcdef012345',
      action: 'health_status: unhealthy',
      from: '2026-11-22T12:00:00.000Z',
    });
    expect(parsed.form.range).toBe('24h');
    expect(parsed.invalid).toEqual({});
  });

  it('passes a container name to the API and keeps it in the form', () => {
    const parsed = parseEventFilters({ containerName: ' web ' }, { timeZone: 'UTC', now: NOW });
    expect(parsed.query).toEqual({ containerName: 'web', from: '2026-11-22T12:00:00.000Z' });
    expect(parsed.form.containerName).toBe('web');
    const long = parseEventFilters({ containerName: 'n'.repeat(256) }, { timeZone: 'UTC', now: NOW });
    expect(long.query).toEqual({ from: '2026-11-22T12:00:00.000Z' });
    expect(long.invalid).toEqual({ containerName: 'too long' });
  });

  it('drops malformed values and names the field it ignored', () => {
    const parsed = parseEventFilters(
      { hostId: 'not-a-uuid', containerId: 'XYZ', range: 'forever' },
      { timeZone: 'UTC', now: NOW },
    );
    expect(parsed.query).toEqual({ from: '2026-11-22T12:00:00.000Z' });
    expect(Object.keys(parsed.invalid).sort()).toEqual(['containerId', 'hostId', 'range']);
    expect(parsed.form.containerId).toBe('XYZ');
  });

  it('turns a custom range typed in the user zone into UTC bounds, and refuses an inverted one', () => {
    const clock = { timeZone: 'Europe/Paris', now: NOW };
    const custom = parseEventFilters(
      { range: 'custom', from: '2026-11-20T08:00', to: '2026-11-21T08:00' },
      clock,
    );
    expect(custom.query).toEqual({ from: '2026-11-20T07:00:00.000Z', to: '2026-11-21T07:00:00.000Z' });
    expect(custom.form).toMatchObject({ range: 'custom', from: '2026-11-20T08:00', to: '2026-11-21T08:00' });
    const inverted = parseEventFilters(
      { range: 'custom', from: '2026-11-21T08:00', to: '2026-11-20T08:00' },
      clock,
    );
    expect(inverted.query).toEqual({});
    expect(inverted.invalid.from).toBe('must be before the end');
  });
});

describe('parseActionFilters', () => {
  it('keeps known statuses and verbs only', () => {
    expect(parseActionFilters({ status: 'timed_out', verb: 'restart' }).query).toEqual({
      status: 'timed_out',
      verb: 'restart',
    });
    const bad = parseActionFilters({ status: 'exploded', verb: 'rm -rf' });
    expect(bad.query).toEqual({});
    expect(bad.invalid).toEqual({ status: 'unknown status', verb: 'unknown verb' });
  });
});

describe('parseAuditFilters', () => {
  it('accepts an action family and defaults to all time', () => {
    const parsed = parseAuditFilters(
      { action: 'member.*', targetType: 'container' },
      { timeZone: 'UTC', now: NOW },
    );
    expect(parsed.query).toEqual({ action: 'member.*', targetType: 'container' });
    expect(parsed.form.range).toBe('all');
  });

  it('takes a preset as "since then"', () => {
    const parsed = parseAuditFilters({ range: '7d' }, { timeZone: 'UTC', now: NOW });
    expect(parsed.query).toEqual({ from: '2026-11-16T12:00:00.000Z' });
  });
});

describe('time range choices', () => {
  it('offers "all time" on the audit log only (the events API caps its range)', () => {
    const events = parseEventFilters({ range: 'all' }, { timeZone: 'UTC', now: NOW });
    expect(events.form.range).toBe('24h');
    expect(events.invalid.range).toBe('unknown time range');
    expect(parseAuditFilters({ range: 'all' }, { timeZone: 'UTC', now: NOW }).query).toEqual({});
  });
});

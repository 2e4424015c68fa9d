import { ZTimestampSchema } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import { dockerTimeToIso, nsToDockerSince, nsToIso, parseDockerTimeNs } from './docker-time.js';

describe('Docker times', () => {
  it('keeps all nine fractional digits of a log timestamp', () => {
    const ns = parseDockerTimeNs('2026-11-23T09:25:43.710806821Z');
    expect(ns).toBe(1_795_425_943_710_806_821n);
    expect(nsToIso(ns ?? 0n)).toBe('2026-11-23T09:25:43.710806821Z');
  });

  it("pads Go's trimmed RFC3339Nano fractions and accepts none", () => {
    expect(dockerTimeToIso('2026-11-23T09:22:37.36801352Z')).toBe('2026-11-23T09:22:37.368013520Z');
    expect(dockerTimeToIso('2026-11-23T09:22:37Z')).toBe('2026-11-23T09:22:37.000000000Z');
  });

  it('converts an offset to UTC', () => {
    expect(dockerTimeToIso('2026-11-23T11:22:37.5+02:00')).toBe('2026-11-23T09:22:37.500000000Z');
    expect(dockerTimeToIso('2026-11-23T04:52:37.5-04:30')).toBe('2026-11-23T09:22:37.500000000Z');
  });

  it("reads Go's zero time and junk as null", () => {
    expect(parseDockerTimeNs('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseDockerTimeNs('yesterday')).toBeNull();
    expect(parseDockerTimeNs('')).toBeNull();
  });

  it("formats Docker's since parameter as seconds.nanoseconds", () => {
    expect(nsToDockerSince(1_795_425_943_000_000_021n)).toBe('1795425943.000000021');
  });

  it('produces timestamps the protocol accepts', () => {
    expect(ZTimestampSchema.safeParse(nsToIso(1_795_425_943_710_806_821n)).success).toBe(true);
  });
});

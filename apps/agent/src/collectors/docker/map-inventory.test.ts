import { readFileSync } from 'node:fs';
import { LIMITS, ZInventoryContainerSchema } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import type { ContainerInspect, ContainerSummary } from './engine-client/engine-types.js';
import { listFingerprint } from './inventory.js';
import { boundLabels, toInventoryContainer, toPorts } from './map-inventory.js';

function json(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
}
const list = json('list') as ContainerSummary[];
const inspect = (name: string) => json(`inspect-${name}`) as ContainerInspect;
const summaryOf = (info: ContainerInspect): ContainerSummary => {
  const summary = list.find((entry) => entry.Id === info.Id);
  if (!summary) throw new Error(`no list entry for ${info.Name}`);
  return summary;
};

function record(name: string) {
  const info = inspect(name);
  return toInventoryContainer(summaryOf(info), info);
}

describe('inventory records from recorded docker ps / inspect JSON', () => {
  it('maps a running container with a health check and labels', () => {
    const health = record('health');
    expect(health).toMatchObject({
      id: '4696cf11c412c53e1bcd054bf9f1680c2485d3986490c49fc13a2986ff62e9c8',
      name: 'berth-fx-health',
      image: 'berth-test/busybox:latest',
      imageId: 'sha256:168dacf2204de39468877a2ff8729171a22c68048e7f6929bf50a09e99cee2fb',
      labels: { 'berth.test': '1', 'com.example.team': 'web' },
      state: 'running',
      health: 'healthy',
      restartCount: 0,
      ports: [],
      createdAt: '2026-11-23T09:22:26.465397245Z',
      startedAt: '2026-11-23T09:22:26.726394143Z',
      finishedAt: null,
      exitCode: null,
    });
    expect(ZInventoryContainerSchema.safeParse(health).success).toBe(true);
  });

  it('gives an exited container its exit code and finish time', () => {
    expect(record('exited')).toMatchObject({
      state: 'exited',
      health: 'none',
      exitCode: 3,
      finishedAt: '2026-11-23T09:22:27.042042369Z',
    });
  });

  it("reports never-started times as null, not Docker's year 1", () => {
    const created = record('created');
    expect(created).toMatchObject({ state: 'created', startedAt: null, finishedAt: null, exitCode: null });
    expect(ZInventoryContainerSchema.safeParse(created).success).toBe(true);
  });

  it('maps published and exposed ports, sorted, leaving out unknown protocols', () => {
    const ports = toPorts([
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '', PrivatePort: 53, PublicPort: 0, Type: 'udp' },
      { IP: '', PrivatePort: 1, PublicPort: 0, Type: 'bogus' },
    ]);
    expect(ports).toEqual([
      { privatePort: 53, type: 'udp' },
      { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' },
      { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '::' },
    ]);
  });

  it('bounds labels to the protocol: long values truncated, overlong keys dropped, at most maxLabels', () => {
    const labels: Record<string, string> = {
      ['k'.repeat(LIMITS.maxLabelKeyBytes + 1)]: 'x',
      big: 'v'.repeat(10_000),
    };
    for (let i = 0; i < LIMITS.maxLabels + 10; i += 1) labels[`l${String(i).padStart(4, '0')}`] = 'x';
    const bounded = boundLabels(labels);
    expect(Object.keys(bounded)).toHaveLength(LIMITS.maxLabels);
    expect(Buffer.byteLength(bounded.big ?? '')).toBeLessThanOrEqual(LIMITS.maxLabelValueBytes);
    expect(Object.keys(bounded).some((key) => key.startsWith('kkk'))).toBe(false);
  });

  it('fingerprints the list entry without the age in Status', () => {
    const entry = list[2];
    if (!entry) throw new Error('fixture too short');
    const older = { ...entry, Status: 'Up 3 hours (healthy)' };
    const unhealthy = { ...entry, Status: 'Up 3 hours (unhealthy)' };
    expect(listFingerprint(older)).toBe(listFingerprint(entry));
    expect(listFingerprint(unhealthy)).not.toBe(listFingerprint(entry));
  });
});

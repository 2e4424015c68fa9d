import type { CheckResult, CheckSpec } from '@berth/protocol';
import { ZCheckResultSchema, ZCheckSpecSchema } from '@berth/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { CheckRunner } from './check-runner.js';
import type { ProbeOutcome } from './probe.js';
import { renderTarget } from './render-target.js';

const up: ProbeOutcome = { ok: true, latencyMs: 12, statusCode: 200, slow: false, certExpiring: false };
const down: ProbeOutcome = {
  ok: false,
  latencyMs: 3,
  error: 'connection refused',
  slow: false,
  certExpiring: false,
};

function check(id: number, overrides: Partial<CheckSpec> = {}): CheckSpec {
  return ZCheckSpecSchema.parse({
    id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    version: 1,
    kind: 'tcp',
    target: '{{ip}}:{{port:5432}}',
    containerName: 'db',
    intervalS: 10,
    timeoutMs: 1000,
    retries: 2,
    ...overrides,
  });
}

/** A probe whose answers the test hands out, one per call, and that can be held open. */
function scriptedProbe() {
  const calls: { spec: CheckSpec; target: string; resolve: (outcome: ProbeOutcome) => void }[] = [];
  const fn = vi.fn(
    (spec: CheckSpec, target: string) =>
      new Promise<ProbeOutcome>((resolve) => {
        calls.push({ spec, target, resolve });
      }),
  );
  return { fn, calls };
}

describe('renderTarget', () => {
  const bridged = {
    ip: '172.17.0.5',
    ports: [{ privatePort: 8080, publicPort: 18080, type: 'tcp' as const }],
  };
  const hostNetwork = { ip: null, ports: [] };

  it('fills the container address and port, following where the container is reachable', () => {
    expect(renderTarget('http://{{ip}}:{{port:8080}}/health', bridged)).toEqual({
      ok: true,
      target: 'http://172.17.0.5:8080/health',
    });
    expect(renderTarget('http://localhost:{{host_port:8080}}/', bridged)).toEqual({
      ok: true,
      target: 'http://localhost:18080/',
    });
    expect(renderTarget('{{ip}}:{{port:5432}}', hostNetwork)).toEqual({ ok: true, target: '127.0.0.1:5432' });
    expect(renderTarget('http://10.0.0.1/', null)).toEqual({ ok: true, target: 'http://10.0.0.1/' });
  });

  it('says what is wrong with a placeholder it cannot fill', () => {
    expect(renderTarget('{{ip}}:80', null)).toEqual({
      ok: false,
      error: '{{ip}} needs a container, and this check names none',
    });
    expect(renderTarget('localhost:{{host_port:9000}}', bridged)).toEqual({
      ok: false,
      error: 'the container publishes no host port for 9000/tcp',
    });
    // --network none: a literal target is still probed; the container's own address is not there.
    const unaddressable = { ip: null, ports: [], unaddressable: 'container web has no network address' };
    expect(renderTarget('http://127.0.0.1:9000/health', unaddressable)).toEqual({
      ok: true,
      target: 'http://127.0.0.1:9000/health',
    });
    for (const target of ['{{ip}}:80', 'http://localhost:{{port:80}}/'])
      expect(renderTarget(target, unaddressable)).toEqual({
        ok: false,
        error: 'container web has no network address',
      });
    expect(renderTarget('{{hostname}}:80', bridged)).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown placeholder {{hostname}}'),
    });
  });
});

describe('CheckRunner', () => {
  let results: CheckResult[];
  let address: { ip: string | null; ports: [] } | null;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-07T00:00:00Z') });
    results = [];
    address = { ip: '172.17.0.9', ports: [] };
  });
  afterEach(() => vi.useRealTimers());

  function runner(probe: ReturnType<typeof scriptedProbe>, concurrency = 8) {
    return new CheckRunner({
      resolveContainer: () => address,
      onResult: (result) => results.push(z.parse(ZCheckResultSchema, result)),
      concurrency,
      random: () => 0.5,
      probe: probe.fn,
    });
  }

  /** Lets the runner's promise chains (resolveContainer, probe, finally) settle. */
  const settle = () => vi.advanceTimersByTimeAsync(0);

  it('starts each check after a jittered delay, renders its target, then runs every interval', async () => {
    const probe = scriptedProbe();
    const checks = runner(probe);
    checks.apply([check(1)]);
    await vi.advanceTimersByTimeAsync(4999);
    expect(probe.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(probe.calls.map((call) => call.target)).toEqual(['172.17.0.9:5432']);
    probe.calls[0]?.resolve(up);
    await settle();
    expect(results).toMatchObject([
      { status: 'up', latencyMs: 12, renderedTarget: '172.17.0.9:5432', slow: false },
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probe.calls).toHaveLength(2);
    checks.stop();
  });

  it('is pending while failures stay within retries, down after, and up again on the next success', async () => {
    const probe = scriptedProbe();
    const checks = runner(probe);
    checks.apply([check(1, { retries: 2 })]);
    const outcomes = [down, down, down, down, up];
    for (const outcome of outcomes) {
      await vi.advanceTimersByTimeAsync(10_000);
      probe.calls.at(-1)?.resolve(outcome);
      await settle();
    }
    expect(results.map((result) => result.status)).toEqual(['pending', 'pending', 'down', 'down', 'up']);
    expect(results[2]).toMatchObject({ error: 'connection refused' });
    expect(results[4]?.error).toBeUndefined();
    checks.stop();
  });

  it('reports a check whose container is gone as failing, with the reason', async () => {
    const probe = scriptedProbe();
    address = null;
    const checks = runner(probe);
    checks.apply([check(1, { retries: 0 })]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(probe.calls).toHaveLength(0);
    expect(results).toMatchObject([{ status: 'down', error: 'container db is not on this host' }]);
    checks.stop();
  });

  it('runs at most `concurrency` probes at once; the rest wait their turn', async () => {
    const probe = scriptedProbe();
    const checks = runner(probe, 2);
    checks.apply([check(1), check(2), check(3), check(4), check(5)]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(probe.calls).toHaveLength(2);
    probe.calls[0]?.resolve(up);
    await settle();
    expect(probe.calls).toHaveLength(3);
    for (const call of probe.calls.slice(1)) call.resolve(up);
    await settle();
    expect(probe.calls).toHaveLength(5);
    checks.stop();
  });

  it('keeps unchanged checks, restarts changed ones, stops removed ones (their running result is dropped)', async () => {
    const probe = scriptedProbe();
    const checks = runner(probe);
    checks.apply([check(1), check(2)]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(probe.calls).toHaveLength(2);
    // While both run: 1 changes version, 2 is removed.
    checks.apply([check(1, { version: 2, target: '{{ip}}:6432' })]);
    expect(checks.applied()).toEqual([{ id: check(1).id, version: 2 }]);
    for (const call of probe.calls) call.resolve(up);
    await settle();
    expect(results).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(probe.calls.at(-1)?.target).toBe('172.17.0.9:6432');
    probe.calls.at(-1)?.resolve(up);
    await settle();
    expect(results).toMatchObject([{ checkId: check(1).id, version: 2, status: 'up' }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probe.calls.filter((call) => call.spec.id === check(2).id)).toHaveLength(1);
    checks.stop();
  });
});

import type { PrometheusContainerRow, PrometheusHostRow } from '@berth/db/queries';
import { describe, expect, it } from 'vitest';
import { ADDED_FAMILIES, referenceExposition } from '../../test/metrics-export/reference-exposition.js';
import { renderExposition } from './render-exposition.js';

// A seeded generator, so a failure names inputs that can be made again.
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  return { next, pick };
}

const AWKWARD = ['web', 'nginx:"1.27"', 'C:\\temp', 'two\nlines', 'ünïcødé ✓ 🚢', 'a'.repeat(300), ''];
const NUMBERS = [0, 1, 37.5, 1e-7, 0.000123, 123_456_789_012, 2 ** 53 - 1, 1e21, 409_600, 12.300000190734863];

function rows(seed: number, count: number) {
  const { next, pick } = random(seed);
  const reading = () => (next() < 0.1 ? null : pick(NUMBERS));
  const containers: PrometheusContainerRow[] = Array.from({ length: count }, (_, i) => {
    const fresh = next() < 0.8;
    return {
      name: `${pick(AWKWARD)}-${i}`,
      image: pick(AWKWARD),
      dockerId: i.toString(16).padStart(64, '0'),
      host: pick(AWKWARD),
      state: pick(['running', 'exited']),
      health: pick(['none', 'healthy', 'unhealthy', 'starting']),
      restarts: Math.floor(next() * 5),
      ts: fresh ? 1_700_000_000_000 + Math.floor(next() * 1e6) + pick([0, 0.4, 0.6]) : null,
      cpuPct: fresh ? reading() : null,
      memBytes: fresh ? reading() : null,
      memLimit: fresh ? reading() : null,
      netRx: fresh ? reading() : null,
      netTx: fresh ? reading() : null,
      blkRead: fresh ? reading() : null,
      blkWrite: fresh ? reading() : null,
      pids: fresh ? reading() : null,
      cpuSeconds: fresh ? reading() : null,
    };
  });
  const hosts: PrometheusHostRow[] = Array.from({ length: Math.max(1, count / 10) }, (_, i) => ({
    id: `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`,
    name: pick(AWKWARD),
    online: next() < 0.5,
    ts: next() < 0.8 ? 1_700_000_000_123 : null,
    cpuPct: reading(),
    load1: reading(),
    load5: reading(),
    load15: reading(),
    memUsed: reading(),
    memTotal: reading(),
    swapUsed: reading(),
    swapTotal: reading(),
    netRx: reading(),
    netTx: reading(),
    disks: next() < 0.3 ? null : [{ mount: pick(AWKWARD), used: 10, total: 50 }],
  }));
  return { containers, hosts };
}

/** The body without the families added by issue 18 (their HELP, TYPE and sample lines). */
function withoutAddedFamilies(body: string): string {
  const added = new RegExp(
    `^(?:# (?:HELP|TYPE) )?(?:${ADDED_FAMILIES.map((name) => `${name.replace(/_total$/, '')}(?:_total)?`).join('|')})[ {]`,
  );
  return body
    .split('\n')
    .filter((line) => !added.test(line))
    .join('\n');
}

describe('renderExposition', () => {
  for (const format of ['prometheus', 'openmetrics'] as const) {
    it(`writes the same bytes as the string-built exposition did (${format}), plus the new families`, () => {
      for (const seed of [1, 2]) {
        // Enough rows to fill several 1 MiB buffers, so lines also cross buffer boundaries.
        const { containers, hosts } = rows(seed, 1_500);
        const rules = [{ ruleId: 'r1', name: 'cpu "high"', severity: 'warning', firing: 2 }];
        const checks = [
          {
            checkId: 'c1',
            check: 'api',
            name: 'web "1"',
            host: 'h1',
            kind: 'http',
            status: 'down' as const,
            latencyMs: 1250,
            ts: 1_700_000_000_123,
            certExpiresAt: 1_800_000_000,
          },
          {
            checkId: 'c2',
            check: 'db',
            name: 'pg',
            host: 'h1',
            kind: 'tcp',
            status: 'pending' as const,
            latencyMs: 3,
            ts: 1_700_000_000_000,
            certExpiresAt: null,
          },
        ];
        const { chunks, series } = renderExposition(
          { hosts, containers, alertsFiring: 3, rules, checks, updates: [] },
          format,
        );
        expect(chunks.length).toBeGreaterThan(1);
        const body = Buffer.concat(chunks).toString('utf8');
        expect(withoutAddedFamilies(body)).toBe(
          referenceExposition({ hosts, containers, alertsFiring: 3 }, format),
        );
        expect(series).toBe(body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length);

        const cpuFamily =
          format === 'openmetrics' ? 'container_cpu_usage_seconds' : 'container_cpu_usage_seconds_total';
        expect(body).toContain(`# TYPE ${cpuFamily} counter\n`);
        const withSeconds = containers.filter((row) => row.cpuSeconds !== null).length;
        expect(body.split('\ncontainer_cpu_usage_seconds_total{').length - 1).toBe(withSeconds);
        expect(body).toContain(
          'berth_rule_alerts_firing{rule="cpu \\"high\\"",rule_id="r1",severity="warning"} 2\n',
        );
        // A failed check is 0, one in its start period 1; durations in seconds; an expiry only over TLS.
        const c1 = 'check="api",check_id="c1",name="web \\"1\\"",host="h1",instance="h1",kind="http"';
        const c2 = 'check="db",check_id="c2",name="pg",host="h1",instance="h1",kind="tcp"';
        const at =
          format === 'openmetrics'
            ? ['1700000000.123', '1700000000.000']
            : ['1700000000123', '1700000000000'];
        expect(body).toContain(`berth_check_up{${c1}} 0 ${at[0]}\nberth_check_up{${c2}} 1 ${at[1]}\n`);
        expect(body).toContain(`berth_check_duration_seconds{${c1}} 1.25 ${at[0]}\n`);
        expect(body).toContain(`berth_check_duration_seconds{${c2}} 0.003 ${at[1]}\n`);
        expect(body).toContain(
          `berth_check_certificate_expiry_timestamp_seconds{${c1}} 1800000000 ${at[0]}\n`,
        );
        expect(body).not.toContain('berth_check_certificate_expiry_timestamp_seconds{check="db"');
      }
    });
  }

  it('places a line longer than a buffer in a buffer of its own', () => {
    const { containers, hosts } = rows(9, 1);
    const huge = containers.map((row) => ({ ...row, image: 'x'.repeat(1_100_000) }));
    const { chunks } = renderExposition(
      { hosts, containers: huge, alertsFiring: 0, rules: [], checks: [], updates: [] },
      'prometheus',
    );
    const body = Buffer.concat(chunks).toString('utf8');
    expect(withoutAddedFamilies(body)).toBe(
      referenceExposition({ hosts, containers: huge, alertsFiring: 0 }, 'prometheus'),
    );
  });
});

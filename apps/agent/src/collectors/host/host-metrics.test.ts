import { fileURLToPath } from 'node:url';
import { ZHostFactsSchema, ZHostSampleSchema } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../cli/logger.js';
import { readHostFacts } from './host-facts.js';
import { HostMetricsCollector } from './host-metrics.js';

const rootFs = fileURLToPath(new URL('./fixtures', import.meta.url));
const procRoot = `${rootFs}/proc`;
const logger = silentLogger();

describe('host metrics from a /proc prefix (fixture files, as the agent reads /host/proc in a container)', () => {
  it('builds a valid host sample; the first CPU% is the average since boot', async () => {
    const sample = await new HostMetricsCollector({ procRoot, rootFs }, logger).sample();
    expect(ZHostSampleSchema.safeParse(sample).success).toBe(true);
    expect(sample.cpuPct).toBeCloseTo(
      ((64696 + 15051 + 603 + 50) / (64696 + 15051 + 2159961 + 1731 + 603 + 50)) * 100,
      6,
    );
    expect(sample).toMatchObject({
      load1: 1.35,
      memTotal: 24_684_084 * 1024,
      netRx: 636_947_719 + 1000,
    });
    // "/" and "/data" exist under the fixture root; "/mnt/backup disk" does not and is left out.
    expect(sample.disks.map((disk) => disk.mount)).toEqual(['/', '/data']);
    for (const disk of sample.disks) expect(disk.used).toBeLessThanOrEqual(disk.total);
  });

  it('reports 0 % CPU when /proc/stat has not moved between two samples', async () => {
    const collector = new HostMetricsCollector({ procRoot, rootFs }, logger);
    await collector.sample();
    expect((await collector.sample()).cpuPct).toBe(0);
  });

  it('reads host facts from the host root and /proc, not from Node', async () => {
    const facts = await readHostFacts({ procRoot, rootFs }, '20.10.24');
    expect(facts).toMatchObject({
      hostname: 'berth-fixture-host',
      kernel: '6.18.44-fc-v669',
      cpus: 2,
      memTotal: 24_684_084 * 1024,
      dockerVersion: '20.10.24',
      machineId: '0123456789abcdef0123456789abcdef',
    });
    expect(facts.os.length).toBeGreaterThan(0);
    expect(ZHostFactsSchema.safeParse(facts).success).toBe(true);
  });

  it('reads this machine’s own /proc', async () => {
    const sample = await new HostMetricsCollector({}, logger).sample();
    expect(ZHostSampleSchema.safeParse(sample).success).toBe(true);
    expect(sample.disks.some((disk) => disk.mount === '/')).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  countCpus,
  cpuPercent,
  parseCpuTimes,
  parseLoadavg,
  parseMeminfo,
  parseMounts,
  parseNetDev,
  parseOsRelease,
  selectDiskMounts,
} from './parse-proc.js';

const proc = (name: string) => readFileSync(new URL(`./fixtures/proc/${name}`, import.meta.url), 'utf8');

describe('/proc parsing on recorded files', () => {
  it('reads CPU time (idle includes iowait, guest not counted twice) and the CPU count', () => {
    const times = parseCpuTimes(proc('stat'));
    expect(times.total).toBe(64696 + 15051 + 2159961 + 1731 + 603 + 50);
    expect(times.busy).toBe(64696 + 15051 + 603 + 50);
    expect(countCpus(proc('stat'))).toBe(2);
  });

  it('computes host CPU% from two readings', () => {
    expect(cpuPercent({ busy: 100, total: 1000 }, { busy: 350, total: 2000 })).toBe(25);
    expect(cpuPercent({ busy: 100, total: 1000 }, { busy: 100, total: 1000 })).toBe(0);
  });

  it('reads the load averages', () => {
    expect(parseLoadavg(proc('loadavg'))).toEqual({ load1: 1.35, load5: 1.11, load15: 0.71 });
  });

  it('computes memory used as MemTotal − MemAvailable and swap used as total − free, in bytes', () => {
    expect(parseMeminfo(proc('meminfo'))).toEqual({
      memTotal: 24_684_084 * 1024,
      memUsed: (24_684_084 - 23_684_452) * 1024,
      swapTotal: 2_097_148 * 1024,
      swapUsed: (2_097_148 - 1_048_576) * 1024,
    });
  });

  it('falls back to Free + Buffers + Cached on kernels without MemAvailable', () => {
    const old = 'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n';
    expect(parseMeminfo(old).memUsed).toBe(600 * 1024);
  });

  it('selects real disks: no pseudo filesystems, no container layers, each device once, escapes decoded', () => {
    const disks = selectDiskMounts(parseMounts(proc('mounts')));
    expect(disks.map((disk) => disk.target)).toEqual(['/', '/data', '/mnt/backup disk']);
  });

  it('sums network traffic over real interfaces (not lo, docker0 or veth*)', () => {
    expect(parseNetDev(proc('net/dev'))).toEqual({ rx: 636_947_719 + 1000, tx: 1_111_176 + 2000 });
  });

  it('names the OS from os-release', () => {
    expect(parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\n')).toBe(
      'Debian GNU/Linux 12 (bookworm)',
    );
    expect(parseOsRelease("NAME='Alpine Linux'\nVERSION=3.20\n")).toBe('Alpine Linux 3.20');
  });
});

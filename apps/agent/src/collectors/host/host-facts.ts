import { hostname, machine } from 'node:os';
import path from 'node:path';
import type { HostFacts } from '@berth/protocol';
import { clipText } from '../shared/truncate-utf8.js';
import { type HostPaths, readFirst, readOptional, resolveHostPaths } from './host-paths.js';
import { countCpus, parseMeminfo, parseOsRelease } from './parse-proc.js';

/**
 * Host facts for `hello`. Read from the host's /proc and root (not Node's view, which in a
 * container is the container's), falling back to Node's where the host's is not readable.
 */
export async function readHostFacts(paths: HostPaths, dockerVersion: string | null): Promise<HostFacts> {
  const { procRoot, rootFs } = resolveHostPaths(paths);
  const [stat, meminfo, kernel, osRelease, etcHostname, machineId] = await Promise.all([
    readFirst(procRoot, ['stat']),
    readFirst(procRoot, ['meminfo']),
    readOptional(path.join(procRoot, 'sys/kernel/osrelease')),
    readOptional(path.join(rootFs, 'etc/os-release')).then(
      (text) => text ?? readOptional(path.join(rootFs, 'usr/lib/os-release')),
    ),
    rootFs === '/' ? Promise.resolve(undefined) : readOptional(path.join(rootFs, 'etc/hostname')),
    readOptional(path.join(rootFs, 'etc/machine-id')),
  ]);
  const facts: HostFacts = {
    hostname: clipText(etcHostname?.trim() || hostname(), 255) || 'unknown',
    os: clipText(osRelease ? parseOsRelease(osRelease) : '', 256),
    kernel: clipText(kernel?.trim() ?? '', 256),
    arch: clipText(machine(), 64),
    cpus: Math.min(65_536, Math.max(1, countCpus(stat))),
    memTotal: parseMeminfo(meminfo).memTotal,
    dockerVersion: dockerVersion === null ? null : clipText(dockerVersion, 64),
  };
  const id = machineId?.trim();
  if (id) facts.machineId = clipText(id, 128);
  return facts;
}

/** Parsers for the /proc files host metrics read. Pure: they take the file's text. */

export type CpuTimes = { busy: number; total: number };

/**
 * The aggregate "cpu" line of /proc/stat (clock ticks). Idle time is idle + iowait; guest time is
 * already inside user/nice, so only the first eight columns count.
 */
export function parseCpuTimes(stat: string): CpuTimes {
  const line = stat.split('\n').find((candidate) => candidate.startsWith('cpu '));
  const fields = (line ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: total - idle - iowait, total };
}

/** Number of "cpuN" lines: the host's online CPUs, also when read from a container. */
export function countCpus(stat: string): number {
  return stat.split('\n').filter((line) => /^cpu\d+\s/.test(line)).length;
}

/** Busy share of the time between two readings, 0–100. */
export function cpuPercent(previous: CpuTimes, current: CpuTimes): number {
  const total = current.total - previous.total;
  const busy = current.busy - previous.busy;
  if (total <= 0 || busy < 0) return 0;
  return Math.min(100, (busy / total) * 100);
}

export function parseLoadavg(text: string): { load1: number; load5: number; load15: number } {
  const [load1 = 0, load5 = 0, load15 = 0] = text.trim().split(/\s+/).slice(0, 3).map(Number);
  return { load1, load5, load15 };
}

export type MemoryUsage = { memUsed: number; memTotal: number; swapUsed: number; swapTotal: number };

/** /proc/meminfo in bytes. Used = MemTotal − MemAvailable (kernels before 3.14: Free + Buffers + Cached). */
export function parseMeminfo(text: string): MemoryUsage {
  const kib = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([\w()]+):\s+(\d+)/.exec(line);
    if (match?.[1] && match[2]) kib.set(match[1], Number(match[2]));
  }
  const get = (key: string): number => (kib.get(key) ?? 0) * 1024;
  const memTotal = get('MemTotal');
  const available = kib.has('MemAvailable')
    ? get('MemAvailable')
    : get('MemFree') + get('Buffers') + get('Cached');
  const swapTotal = get('SwapTotal');
  return {
    memTotal,
    memUsed: Math.max(0, memTotal - available),
    swapTotal,
    swapUsed: Math.max(0, swapTotal - get('SwapFree')),
  };
}

export type Mount = { source: string; target: string; fstype: string };

/** /proc/mounts; paths have space, tab, newline and backslash escaped as octal (\040 …). */
export function parseMounts(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const [source, target, fstype] = line.split(' ');
    if (source && target && fstype)
      mounts.push({ source: unescapeOctal(source), target: unescapeOctal(target), fstype });
  }
  return mounts;
}

function unescapeOctal(value: string): string {
  return value.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

const PSEUDO_FILESYSTEMS = new Set([
  'autofs',
  'binfmt_misc',
  'bpf',
  'cgroup',
  'cgroup2',
  'configfs',
  'debugfs',
  'devpts',
  'devtmpfs',
  'efivarfs',
  'fuse.lxcfs',
  'fusectl',
  'hugetlbfs',
  'mqueue',
  'nsfs',
  'overlay',
  'proc',
  'pstore',
  'ramfs',
  'rpc_pipefs',
  'securityfs',
  'selinuxfs',
  'squashfs',
  'sysfs',
  'tmpfs',
  'tracefs',
  'aufs',
  'shm',
  'nfsd',
  'fuse.gvfsd-fuse',
  'fuse.portal',
]);

/** Where container runtimes mount layers and volumes: their usage is the host disk's, counted once. */
const SKIPPED_PREFIXES = [
  '/proc',
  '/sys',
  '/dev',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/snap',
];

/**
 * Filesystems a user means by "disks": no pseudo or in-memory filesystems, no container layers,
 * each device once (bind mounts repeat it; the shortest mount point wins).
 */
export function selectDiskMounts(mounts: readonly Mount[]): Mount[] {
  const byDevice = new Map<string, Mount>();
  for (const mount of mounts) {
    if (PSEUDO_FILESYSTEMS.has(mount.fstype)) continue;
    if (SKIPPED_PREFIXES.some((prefix) => mount.target === prefix || mount.target.startsWith(`${prefix}/`)))
      continue;
    const known = byDevice.get(mount.source);
    if (!known || mount.target.length < known.target.length) byDevice.set(mount.source, mount);
  }
  return [...byDevice.values()];
}

/** Interfaces left out of host traffic: loopback, and virtual ones whose traffic a physical NIC also counts. */
const VIRTUAL_INTERFACE = /^(lo|veth|docker\d|br-|virbr|cni|flannel|cali|vxlan|tun|tap)/;

/** Received and transmitted bytes summed over the host's real interfaces. */
export function parseNetDev(text: string): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim();
    if (VIRTUAL_INTERFACE.test(name)) continue;
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    rx += fields[0] ?? 0;
    tx += fields[8] ?? 0;
  }
  return { rx, tx };
}

/** PRETTY_NAME of /etc/os-release, or NAME + VERSION. */
export function parseOsRelease(text: string): string {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) values.set(match[1], match[2].replace(/^["']|["']$/g, ''));
  }
  return values.get('PRETTY_NAME') || [values.get('NAME'), values.get('VERSION')].filter(Boolean).join(' ');
}

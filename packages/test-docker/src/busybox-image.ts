import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { docker } from './docker-cli.js';

export const BUSYBOX_IMAGE = 'berth-test/busybox:latest';
/** Static binaries (`sleep`, `kill`) and nothing else — no /bin/sh — as a distroless image is. */
export const NO_SHELL_IMAGE = 'berth-test/no-shell:latest';

const APPLETS = [
  'sh',
  'echo',
  'sleep',
  'cat',
  'ls',
  'yes',
  'head',
  'dd',
  'top',
  'true',
  'false',
  'seq',
  'date',
  'printf',
  'kill',
  'ps',
  'wc',
];

let building: Promise<string> | undefined;

/**
 * A tiny image made offline: Debian's static busybox and its applet links, imported with
 * `docker import` (no registry is reachable here). Built once per engine.
 */
export function ensureBusyboxImage(): Promise<string> {
  building ??= (async () => {
    const existing = await docker('images', '-q', BUSYBOX_IMAGE);
    if (existing) return BUSYBOX_IMAGE;
    const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((candidate) => existsSync(candidate));
    if (!busybox) throw new Error('busybox not found: apt-get install busybox-static');
    const root = await mkdtemp(path.join(tmpdir(), 'berth-rootfs-'));
    try {
      await mkdir(path.join(root, 'bin'));
      await mkdir(path.join(root, 'tmp'));
      await copyFile(busybox, path.join(root, 'bin', 'busybox'));
      for (const applet of APPLETS) await symlink('busybox', path.join(root, 'bin', applet));
      await importImage(
        execFileSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 }),
        BUSYBOX_IMAGE,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    return BUSYBOX_IMAGE;
  })();
  return building;
}

let buildingNoShell: Promise<string> | undefined;

/**
 * An image holding only `/bin/sleep` and `/bin/kill` — copies of the static busybox under those
 * names — and no shell: how distroless and single-binary images look from inside.
 */
export function ensureNoShellImage(): Promise<string> {
  buildingNoShell ??= (async () => {
    const existing = await docker('images', '-q', NO_SHELL_IMAGE);
    if (existing) return NO_SHELL_IMAGE;
    const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((candidate) => existsSync(candidate));
    if (!busybox) throw new Error('busybox not found: apt-get install busybox-static');
    const root = await mkdtemp(path.join(tmpdir(), 'berth-rootfs-'));
    try {
      await mkdir(path.join(root, 'bin'));
      // Each a copy, not a link: busybox acts as the applet its file is named after.
      await copyFile(busybox, path.join(root, 'bin', 'sleep'));
      await copyFile(busybox, path.join(root, 'bin', 'kill'));
      await importImage(
        execFileSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 }),
        NO_SHELL_IMAGE,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    return NO_SHELL_IMAGE;
  })();
  return buildingNoShell;
}

async function importImage(tar: Buffer, tag: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('docker', ['import', '--change', 'ENV PATH=/bin', '-', tag], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker import failed: ${stderr}`)),
    );
    child.stdin.end(tar);
  });
}

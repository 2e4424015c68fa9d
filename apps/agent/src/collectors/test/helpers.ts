import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { docker, runBusybox, type TestContainer } from '@berth/test-docker';
import { silentLogger as makeSilentLogger } from '../../cli/logger.js';

export const silentLogger = makeSilentLogger();

/** Label on every container these tests start, so afterAll removes exactly ours. */
export const RUN_LABEL = `berth.test.collectors=${randomBytes(4).toString('hex')}`;

const started: TestContainer[] = [];

/** `runBusybox` with this run's label, remembered for `removeOurContainers`. */
export async function runLabelled(
  command: string,
  options: { extra?: string[]; labels?: Record<string, string> } = {},
): Promise<TestContainer> {
  const [key = '', value = ''] = RUN_LABEL.split('=');
  const container = await runBusybox(command, { ...options, labels: { ...options.labels, [key]: value } });
  started.push(container);
  return container;
}

/**
 * A labelled busybox container that runs `true` and exits, by `docker run -d` or `docker create`;
 * its id. For tests that watch a container's whole life, so the caller removes it itself.
 */
export function shortLivedLabelled(verb: 'run' | 'create'): Promise<string> {
  const detach = verb === 'run' ? ['-d'] : [];
  return docker(
    verb,
    ...detach,
    '--network',
    'none',
    '--label',
    RUN_LABEL,
    'berth-test/busybox:latest',
    'true',
  );
}

/** Removes the containers this test file started (other suites may share the engine). */
export async function removeOurContainers(): Promise<void> {
  await Promise.allSettled(started.splice(0).map((container) => container.remove()));
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A unix-socket proxy in front of dockerd that can be taken down and brought back, to act out an
 * engine restart without restarting the engine other suites are using.
 */
export type SocketProxy = { socketPath: string; down(): Promise<void>; up(): Promise<void> };

export async function startSocketProxy(target = '/var/run/docker.sock'): Promise<SocketProxy> {
  const socketPath = path.join(tmpdir(), `berth-proxy-${randomBytes(4).toString('hex')}.sock`);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const up = () =>
    new Promise<void>((resolve, reject) => {
      rmSync(socketPath, { force: true });
      server = net.createServer((client) => {
        const upstream = net.connect(target);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await up();
  return { socketPath, up, down };
}

/** Parses docker stats sizes like "28.65MiB" or "1016KiB" into bytes. */
export function parseDockerSize(text: string): number {
  const match = /^([\d.]+)\s*([KMGT]i?B|B)$/.exec(text.trim());
  if (!match) throw new Error(`unreadable size "${text}"`);
  const units: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };
  return Number(match[1]) * (units[match[2] ?? 'B'] ?? 1);
}

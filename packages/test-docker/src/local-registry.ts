import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ensureBusyboxImage } from './busybox-image.js';
import { docker } from './docker-cli.js';

const BINARY = '/usr/bin/docker-registry';

/** Why a local registry cannot run here, or '' when it can. */
export function localRegistryUnavailable(): string {
  return existsSync(BINARY) ? '' : `no ${BINARY}: apt-get install docker-registry`;
}

export type AnonymousRegistry = {
  /** `127.0.0.1:<port>`: Docker pushes to and pulls from loopback registries without TLS. */
  host: string;
  stop(): Promise<void>;
};

/**
 * Debian's `docker-registry` on a free loopback port, anonymous, with its own storage: what an
 * image update pulls from in tests (packages/registry's tests run the authenticated variants).
 */
export async function startAnonymousRegistry(): Promise<AnonymousRegistry> {
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-registry-'));
  await writeFile(
    path.join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: info\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:0\n  secret: berth-test\n`,
  );
  const child = spawn(BINARY, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<string>((resolve, reject) => {
    const lines: string[] = [];
    child.once('exit', (code) => reject(new Error(`docker-registry exited (${code}):\n${lines.join('\n')}`)));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        const match = /listening on 127\.0\.0\.1:(\d+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
    }
  });
  return {
    host: `127.0.0.1:${port}`,
    async stop() {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * A runnable busybox image tagged `reference` whose file `/version` holds `content` (so each call
 * makes a new digest) and whose default command is `cmd`: made with `docker commit`, no pull.
 * Returns the image id.
 */
export async function commitBusyboxVariant(
  reference: string,
  content: string,
  cmd: string[],
): Promise<string> {
  const base = await ensureBusyboxImage();
  const builder = await docker(
    'create',
    '--network',
    'none',
    base,
    'sh',
    '-c',
    `echo '${content}' > /version`,
  );
  try {
    await docker('start', '-a', builder);
    return await docker('commit', '--change', `CMD ${JSON.stringify(cmd)}`, builder, reference);
  } finally {
    await docker('rm', '-f', builder);
  }
}

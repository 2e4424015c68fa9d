import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const BINARY = '/usr/bin/docker-registry';

export type RegistryAvailability = { ok: true } | { ok: false; reason: string };

/** Why an anonymous local registry cannot run here, or '' when it can. */
export function localRegistryUnavailable(): string {
  return existsSync(BINARY) ? '' : `no ${BINARY}: apt-get install docker-registry`;
}

/** Whether Debian's docker-registry (and htpasswd for the basic-auth instance) is installed. */
export function registryAvailability(): RegistryAvailability {
  if (!existsSync(BINARY)) return { ok: false, reason: `no ${BINARY}: apt-get install docker-registry` };
  if (!existsSync('/usr/bin/htpasswd'))
    return { ok: false, reason: 'no htpasswd: apt-get install apache2-utils' };
  return { ok: true };
}

export type LocalRegistry = {
  /** `127.0.0.1:<port>`, as an image reference names it. */
  host: string;
  url: string;
  /**
   * The registry's access-log lines (`METHOD /path`) up to now: a marker request is sent and
   * awaited in the log, so every earlier request is in the answer (the log is asynchronous).
   */
  accessLog(): Promise<string[]>;
  stop(): Promise<void>;
};

export type RegistryAuth =
  | { basic: { username: string; password: string } }
  | { token: { realm: string; service: string; issuer: string; certPath: string } };

/**
 * Debian's `docker-registry serve` on a free loopback port with its own storage: anonymous, behind
 * htpasswd basic auth (bcrypt, made with `htpasswd -B`), or delegating to a token service.
 */
export async function startRegistry(authOptions?: RegistryAuth): Promise<LocalRegistry> {
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-registry-'));
  let auth = '';
  if (authOptions && 'basic' in authOptions) {
    const { username, password } = authOptions.basic;
    const { stdout } = await exec('htpasswd', ['-nbB', username, password]);
    await writeFile(path.join(dir, 'htpasswd'), stdout.trim());
    auth = `auth:\n  htpasswd:\n    realm: berth-test\n    path: ${path.join(dir, 'htpasswd')}\n`;
  } else if (authOptions) {
    const { realm, service, issuer, certPath } = authOptions.token;
    auth = `auth:\n  token:\n    realm: ${realm}\n    service: ${service}\n    issuer: ${issuer}\n    rootcertbundle: ${certPath}\n`;
  }
  await writeFile(
    path.join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: false\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:0\n  secret: berth-test\n${auth}`,
  );
  const child = spawn(BINARY, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Each stream's lines on their own: the registry writes access lines and its own log to
  // different pipes, and lines of two pipes can arrive here in either order.
  const streams = { stdout: [] as string[], stderr: [] as string[] };
  const lines = () => [...streams.stdout, ...streams.stderr];
  const waiters = new Set<() => void>();
  for (const name of ['stdout', 'stderr'] as const) {
    createInterface({ input: child[name] }).on('line', (line) => {
      streams[name].push(line);
      for (const waiter of waiters) waiter();
    });
  }
  /** Resolves with the first log line matching `pattern`; rejects if the registry exits first. */
  const waitFor = (pattern: RegExp, what: string) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const exited = (code: number | null) => {
        waiters.delete(check);
        reject(
          new Error(`docker-registry exited (${code}) before ${what}:\n${lines().slice(-10).join('\n')}`),
        );
      };
      const check = () => {
        const match = lines()
          .map((line) => pattern.exec(line))
          .find((found) => found !== null);
        if (!match) return;
        waiters.delete(check);
        child.off('exit', exited);
        resolve(match);
      };
      child.once('exit', exited);
      waiters.add(check);
      check();
    });
  const listening = await waitFor(/listening on 127\.0\.0\.1:(\d+)/, 'listening');
  const host = `127.0.0.1:${listening[1]}`;
  let markers = 0;
  return {
    host,
    url: `http://${host}`,
    async accessLog() {
      markers += 1;
      const marker = `berth-marker-${markers}-${Date.now()}`;
      const logged = waitFor(new RegExp(`GET /v2/\\?${marker}`), 'the log marker');
      await (await fetch(`http://${host}/v2/?${marker}`)).body?.cancel();
      await logged;
      // The access lines before the marker's own access line, in the pipe it came through: the
      // registry's other log names the marker too, and may come through the other pipe first
      // (then the requests just before the marker were cut off: seen on a loaded machine).
      const isMarkerAccess = (line: string) => line.includes(`GET /v2/?${marker}`);
      const pipe = streams.stdout.some(isMarkerAccess) ? streams.stdout : streams.stderr;
      return pipe.slice(0, pipe.findIndex(isMarkerAccess)).flatMap((line) => {
        // The combined-format access line: `"HEAD /v2/app/manifests/1 HTTP/1.1" 200 …`.
        const match = /"([A-Z]+) (\/v2\/\S*) HTTP\/[\d.]+"/.exec(line);
        return match && !line.includes('berth-marker-') ? [`${match[1]} ${match[2]}`] : [];
      });
    },
    async stop() {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type AnonymousRegistry = {
  /** `127.0.0.1:<port>`: Docker pushes to and pulls from loopback registries without TLS. */
  host: string;
  stop(): Promise<void>;
};

/** An anonymous registry: what an image update pulls from in tests. */
export function startAnonymousRegistry(): Promise<AnonymousRegistry> {
  return startRegistry();
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { waitFor } from './wait-for.js';

const run = promisify(execFile);

/**
 * A Docker engine of the test's own (own data root, exec root, socket and containerd), started
 * with the flags this machine's engine uses. Tests that restart an engine restart this one:
 * the machine's engine belongs to everyone else's tests.
 */
export class PrivateDockerd {
  private child: ChildProcess | undefined;

  private constructor(readonly root: string) {}

  /** DOCKER_HOST for this engine. */
  get host(): string {
    return `unix://${this.root}/docker.sock`;
  }

  get logFile(): string {
    return `${this.root}/dockerd.log`;
  }

  /** Why no engine of our own can run here, or undefined when one can. */
  static async unavailable(): Promise<string | undefined> {
    if (process.getuid?.() !== 0) return 'starting dockerd needs root';
    try {
      await run('dockerd', ['--version']);
      await run('docker', ['--version']);
    } catch {
      return 'dockerd or docker is not installed (apt-get install docker.io)';
    }
    return undefined;
  }

  static async start(): Promise<PrivateDockerd> {
    // Short: the socket path must fit in sockaddr_un (108 bytes) with containerd's below it.
    const engine = new PrivateDockerd(await mkdtemp('/tmp/bd-'));
    await engine.launch();
    return engine;
  }

  private async launch(): Promise<void> {
    const log = openSync(this.logFile, 'a');
    const child = spawn(
      'dockerd',
      [
        '--iptables=false',
        '--ip6tables=false',
        '--bridge=none',
        '--storage-driver=vfs',
        `--data-root=${this.root}/data`,
        `--exec-root=${this.root}/exec`,
        `--pidfile=${this.root}/docker.pid`,
        `--host=${this.host}`,
      ],
      { stdio: ['ignore', log, log] },
    );
    this.child = child;
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    await waitFor(
      `dockerd at ${this.host}`,
      async () => {
        if (exited) throw new Error(`dockerd exited: ${(await readFile(this.logFile, 'utf8')).slice(-2000)}`);
        await this.docker(['info', '--format', '{{.ServerVersion}}']);
        return true;
      },
      { timeoutMs: 60_000, everyMs: 250 },
    );
  }

  /** `docker ARGS` against this engine; rejects with stderr on failure. */
  async docker(args: string[]): Promise<string> {
    const { stdout } = await run('docker', args, {
      env: { ...process.env, DOCKER_HOST: this.host },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.trim();
  }

  /** SIGTERM to the dockerd this test started (its pid), wait for it to exit, start it again. */
  async restart(): Promise<void> {
    await this.terminate();
    await this.launch();
  }

  private async terminate(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
  }

  /** Removes every container, stops the engine and deletes its data root. */
  async stop(): Promise<void> {
    const ids = await this.docker(['ps', '-aq']).catch(() => '');
    if (ids) await this.docker(['rm', '-f', ...ids.split('\n')]).catch(() => undefined);
    await this.terminate();
    // dockerd leaves its default network namespace bind-mounted under the exec root.
    for (const mount of await this.mountsBelowRoot())
      await run('umount', ['-l', mount]).catch(() => undefined);
    await rm(this.root, { recursive: true, force: true });
  }

  private async mountsBelowRoot(): Promise<string[]> {
    const table = await readFile('/proc/self/mountinfo', 'utf8');
    return table
      .split('\n')
      .map((line) => line.split(' ')[4] ?? '')
      .filter((mount) => mount.startsWith(`${this.root}/`))
      .sort((a, b) => b.length - a.length);
  }
}

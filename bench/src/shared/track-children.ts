import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

const children = new Set<ChildProcess>();
let hooked = false;

/** Kills every child this process started (by pid, nothing else). Idempotent. */
export function killChildren(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
  children.clear();
}

/** Ctrl-C, SIGTERM or an uncaught error still take the gateways and simulators down with us. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => killChildren());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping child processes`);
      killChildren();
      process.exit(130);
    });
  }
}

/**
 * Spawns a child with its open-file limit raised to the hard limit first (the soft limit may
 * be lower, and each gateway holds one file per socket). `exec` keeps the pid the child's.
 */
export function spawnTracked(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  hookExit();
  const child = spawn(
    'sh',
    ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', command, ...args],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      ...options,
    },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Resolves when the child exits; rejects if it had not been asked to and failed. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

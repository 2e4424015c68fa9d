import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { PostgresAccount } from './postgres-account.js';

export type PostgresServer = {
  pid: number;
  /** Fast shutdown (SIGINT: sessions end, as in a service restart); resolves once it exited. */
  stop(): Promise<void>;
};

type Options = {
  binariesDir: string;
  dataDir: string;
  port: number;
  /** Null: runs as the current user. */
  account: PostgresAccount | null;
  onLog: (line: string) => void;
};

/**
 * Starts `postgres` in the foreground as a child, listening on 127.0.0.1 only and without a
 * Unix socket (its default socket directory may not exist or be writable on a bare machine).
 * It gets a process group of its own, so a terminal's Ctrl-C reaches the launcher, which stops
 * it last, and not PostgreSQL directly.
 */
export function runPostgres({
  binariesDir,
  dataDir,
  port,
  account,
  onLog,
}: Options): Promise<PostgresServer> {
  const child = spawn(
    path.join(binariesDir, 'bin', 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      // The readiness line below is matched in English.
      '-c',
      'lc_messages=C',
    ],
    {
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never outlive the process that started it (a test runner's worker ending, a crash).
  const onExit = () => void child.kill('SIGINT');
  process.once('exit', onExit);
  void exited.then(() => process.off('exit', onExit));
  return new Promise((resolve, reject) => {
    let ready = false;
    // The line may arrive split over two chunks.
    let tail = '';
    child.stdout?.on('data', (chunk) => onLog(String(chunk)));
    child.stderr?.on('data', (chunk) => {
      const text = String(chunk);
      onLog(text);
      tail = (tail + text).slice(-200);
      if (!ready && tail.includes('database system is ready to accept connections')) {
        ready = true;
        resolve({ pid: child.pid ?? 0, stop: () => stopServer(child, exited) });
      }
    });
    child.once('error', reject);
    void exited.then(() => {
      if (!ready) reject(new Error(`postgres exited before it was ready (code ${child.exitCode})`));
    });
  });
}

async function stopServer(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  await exited;
}

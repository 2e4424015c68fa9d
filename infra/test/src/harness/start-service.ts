import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { waitFor } from './wait-for.js';

export type Service = { name: string; child: ChildProcess; output: () => string; stop(): Promise<void> };

/** Runs `node script` with exactly `env` (plus PATH) and waits until `readyUrl` answers at all. */
export async function startService(
  name: string,
  script: string,
  env: Record<string, string>,
  readyUrl: string,
): Promise<Service> {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString());
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => lines.join('');
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  await waitFor(`${name} at ${readyUrl}`, async () => {
    if (exited) throw new Error(`${name} exited during start:\n${output()}`);
    const response = await fetch(readyUrl);
    await response.arrayBuffer();
    return true;
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    name,
    child,
    output,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}

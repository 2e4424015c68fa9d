import { spawn } from 'node:child_process';

export type InstallRun = { code: number | null; stdout: string; stderr: string; output: string };

/**
 * `sh install.sh ARGS` with a clean environment (PATH, HOME and `env` only), as an operator's
 * `curl … | sh -s -- ARGS` would run it.
 */
export function runInstall(
  script: string,
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 240_000,
): Promise<InstallRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [script, ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      output += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`install.sh ${args.join(' ')} ran over ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output });
    });
  });
}

/** The script as the API serves it (GET /install.sh), saved to `path`. */
export async function fetchInstallScript(apiUrl: string): Promise<string> {
  const response = await fetch(`${apiUrl}/install.sh`);
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(
      `GET ${apiUrl}/install.sh answered ${response.status}: is registerInstallRoutes(app, ctx) called in apps/api/src/routes/register-routes.ts, and the API rebuilt? ${text.slice(0, 200)}`,
    );
  }
  return text;
}

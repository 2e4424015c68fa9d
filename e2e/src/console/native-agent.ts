import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readE2eEnv } from '../support/e2e-env.js';

export type ShellRun = { code: number | null; output: string };

/** What an operator's shell would do with a pasted line: `sh -c LINE`, with a minimal environment. */
export function runShell(line: string, timeoutMs = 120_000): Promise<ShellRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], {
      env: readE2eEnv().childBase,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sh -c ran over ${timeoutMs} ms: ${line}\n${output}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A host's root as install.sh --prefix sees it: the agent is installed, and removed, under it. */
export type NativeAgentHost = {
  /**
   * Runs the install command copied from the console, as pasted on a host, with what a host
   * without systemd and root-owned paths needs: native mode under the prefix (the built-in
   * supervisor instead of systemd) and a short batch interval. Resolves with install.sh's output.
   */
  install(installCommand: string, intervalS: number): Promise<string>;
  /** Copies the agent's log beside the run's other logs. */
  keepLog(logDir: string): Promise<void>;
  /** install.sh --uninstall; then kills whatever still runs from the prefix (a broken install). */
  uninstall(): Promise<void>;
};

export function nativeAgentHost(options: { prefix: string; consoleUrl: string }): NativeAgentHost {
  const { prefix, consoleUrl } = options;
  return {
    async install(installCommand, intervalS) {
      const line = `${installCommand} --mode native --prefix '${prefix}' --interval ${intervalS}`;
      const run = await runShell(line);
      if (run.code !== 0) {
        // When the agent failed to start, its log is in the output: the tail says why.
        throw new Error(`install command failed (${run.code}): ${line}\n${run.output.slice(-3000)}`);
      }
      return run.output;
    },
    keepLog: (logDir) =>
      copyFile(path.join(prefix, 'var/log/berth-agent.log'), path.join(logDir, 'agent.log')),
    async uninstall() {
      try {
        const script = `${prefix}-install.sh`;
        await writeFile(script, await (await fetch(`${consoleUrl}/install.sh`)).text());
        const removed = await runShell(`sh '${script}' --uninstall --mode native --prefix '${prefix}'`);
        if (removed.code !== 0)
          throw new Error(`install.sh --uninstall failed:\n${removed.output.slice(-3000)}`);
      } finally {
        // These processes are ours: started by the install command under this prefix.
        for (const pid of pidsMentioning(`${prefix}/`)) process.kill(pid, 'SIGKILL');
      }
    },
  };
}

/** Running processes whose command line mentions `needle` (Linux /proc). */
export function pidsMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(needle)) {
        found.push(Number(entry));
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

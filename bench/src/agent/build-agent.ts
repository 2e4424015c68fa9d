import { spawnSync } from 'node:child_process';
import { repoPath } from '../shared/repo-path.js';

function runScript(script: string, args: string[], what: string): void {
  const result = spawnSync(process.execPath, [repoPath(`apps/agent/scripts/${script}`), ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status})`);
}

/**
 * Builds the agent from its current source, both ways it has shipped (`prepare-build` does not
 * build the agent): the single-file Node.js bundle, and from it the executable install.sh now
 * installs on this machine (linux-x64-gnu, Bun compiled). Returns both paths.
 */
export function buildAgent(): { bundle: string; executable: string } {
  const bundle = repoPath('apps/agent/dist/berth-agent.mjs');
  runScript('bundle.mjs', ['--out', bundle], 'bundling the agent');
  runScript('compile.mjs', ['--bundle', bundle, '--targets', 'linux-x64-gnu'], 'compiling the agent');
  return { bundle, executable: repoPath('apps/agent/dist/exe/berth-agent-linux-x64-gnu') };
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_TARGET, repoPath } from './repo-paths.js';

/** The agent version this checkout builds (apps/agent/package.json). */
export const AGENT_VERSION: string = JSON.parse(
  readFileSync(repoPath('apps/agent/package.json'), 'utf8'),
).version;

/** The release "after" this checkout's agent: the same code, as the next patch version. */
export const NEXT_AGENT_VERSION = AGENT_VERSION.replace(/\d+$/, (patch) => String(Number(patch) + 1));

/**
 * Builds the agent as NEXT_AGENT_VERSION into `dir` (what an upgraded Berth would serve): the
 * bundle, then the executable for this machine from it, the way `npm run build` does. Returns
 * the executable's path.
 */
export function buildNextExecutable(dir: string): string {
  const bundle = join(dir, 'berth-agent.mjs');
  execFileSync(
    process.execPath,
    [repoPath('apps/agent/scripts/bundle.mjs'), '--out', bundle, '--agent-version', NEXT_AGENT_VERSION],
    { stdio: 'ignore' },
  );
  execFileSync(
    process.execPath,
    [
      repoPath('apps/agent/scripts/compile.mjs'),
      '--bundle',
      bundle,
      '--out-dir',
      dir,
      '--targets',
      HOST_TARGET,
    ],
    { stdio: 'ignore' },
  );
  return join(dir, `berth-agent-${HOST_TARGET}`);
}

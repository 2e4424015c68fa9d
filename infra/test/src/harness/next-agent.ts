import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoPath } from './repo-paths.js';

/** The agent version this checkout builds (apps/agent/package.json). */
export const AGENT_VERSION: string = JSON.parse(
  readFileSync(repoPath('apps/agent/package.json'), 'utf8'),
).version;

/** The release "after" this checkout's agent: the same code, as the next patch version. */
export const NEXT_AGENT_VERSION = AGENT_VERSION.replace(/\d+$/, (patch) => String(Number(patch) + 1));

/** Bundles the agent as NEXT_AGENT_VERSION into `out` (what an upgraded Berth would serve). */
export function buildNextBundle(out: string): void {
  execFileSync(
    process.execPath,
    [repoPath('apps/agent/scripts/bundle.mjs'), '--out', out, '--agent-version', NEXT_AGENT_VERSION],
    { stdio: 'ignore' },
  );
}

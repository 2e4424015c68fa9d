import { spawnSync } from 'node:child_process';
import { repoPath } from '../shared/repo-path.js';

/**
 * Bundles the agent from its current source (the bench measures the single file install.sh ships,
 * and `prepare-build` does not build the agent). Returns the bundle's path.
 */
export function buildAgentBundle(): string {
  const bundle = repoPath('apps/agent/dist/berth-agent.mjs');
  const result = spawnSync(process.execPath, [repoPath('apps/agent/scripts/bundle.mjs'), '--out', bundle], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`bundling the agent failed (exit ${result.status})`);
  return bundle;
}

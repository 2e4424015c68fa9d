import { fileURLToPath } from 'node:url';

/** The repository root, where the built agent and gateway live. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const DEFAULT_CUTOFF_S = 30;

export type E2eEnv = {
  /** How long the proxy black-holes the agent's traffic in the cut-off test (BERTH_FAULT_CUTOFF_S). */
  cutoffSeconds: number;
  /** What child processes inherit: enough to run, nothing that would reconfigure them. */
  childBase: Record<string, string>;
  /**
   * BERTH_AGENT_EXECUTABLE: run the agent as this compiled executable (what install.sh installs,
   * e.g. apps/agent/dist/exe/berth-agent-linux-x64-gnu) instead of its sources under Node.js.
   */
  agentExecutable: string | undefined;
};

/**
 * The suite's one reader of the environment. Children get a minimal environment so a developer's
 * REDIS_URL or BERTH_* variables cannot change what a fault test measures.
 */
// biome-ignore lint/style/noProcessEnv: the e2e suite's single configuration module reads the environment here.
export function readE2eEnv(env: NodeJS.ProcessEnv = process.env): E2eEnv {
  const cutoffText = env.BERTH_FAULT_CUTOFF_S?.trim();
  const cutoffSeconds = cutoffText ? Number(cutoffText) : DEFAULT_CUTOFF_S;
  if (!Number.isFinite(cutoffSeconds) || cutoffSeconds <= 0) {
    throw new Error(`BERTH_FAULT_CUTOFF_S must be a positive number of seconds (got ${cutoffText})`);
  }
  const childBase: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'DOCKER_HOST', 'TZ']) {
    const value = env[name];
    if (value) childBase[name] = value;
  }
  const agentExecutable = env.BERTH_AGENT_EXECUTABLE?.trim() || undefined;
  if (agentExecutable && !agentExecutable.startsWith('/')) {
    throw new Error(`BERTH_AGENT_EXECUTABLE must be an absolute path (got ${agentExecutable})`);
  }
  return { cutoffSeconds, childBase, agentExecutable };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
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
   * The agent the fault and control tests run: by default the compiled executable for this
   * machine that `npm run build` leaves in apps/agent/dist/exe (what install.sh installs, so what
   * ships is what these tests exercise; the agent's own suite covers its sources under Node.js).
   * BERTH_AGENT_EXECUTABLE=<absolute path> picks another build, `source` runs the sources.
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
  return { cutoffSeconds, childBase, agentExecutable: chooseAgent(env.BERTH_AGENT_EXECUTABLE?.trim()) };
}

function chooseAgent(choice: string | undefined): string | undefined {
  if (choice === 'source') return undefined;
  if (choice) {
    if (!choice.startsWith('/'))
      throw new Error(`BERTH_AGENT_EXECUTABLE must be an absolute path or "source" (got ${choice})`);
    return choice;
  }
  const built = path.join(REPO_ROOT, `apps/agent/dist/exe/berth-agent-linux-${process.arch}-gnu`);
  if (!existsSync(built))
    throw new Error(
      `no agent executable at ${built}: run \`npm run build\` first, or set BERTH_AGENT_EXECUTABLE=source (or a path)`,
    );
  return built;
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, readE2eEnv } from './e2e-env.js';
import { ManagedProcess } from './managed-process.js';

/**
 * What the agent runs as: the compiled executable that ships (default, see readE2eEnv), or with
 * BERTH_AGENT_EXECUTABLE=source the built sources under Node.js — the same fault and control tests.
 */
export const AGENT_MAIN = readE2eEnv().agentExecutable ?? path.join(REPO_ROOT, 'apps/agent/dist/main.js');

export type AgentOptions = {
  /** http://127.0.0.1:port of the gateway (or of a proxy in front of it). */
  server: string;
  /** The enrolment token; ignored by the agent once its state dir holds a credential. */
  token?: string;
  stateDir: string;
  logDir: string;
  name: string;
  /** BERTH_SPOOL_MAX_BYTES, e.g. `1MiB` (the agent's minimum). */
  spoolMaxBytes?: string;
  /** `--read-only`: the agent refuses every action. */
  readOnly?: boolean;
  /** `--allow-exec`: the agent serves exec terminals. */
  allowExec?: boolean;
};

/** The run's server, token, state and log directories, as agent options. */
export function agentOptions(run: {
  server: string;
  token: string;
  stateDir: string;
  logDir: string;
}): Omit<AgentOptions, 'name'> {
  return { server: run.server, token: run.token, stateDir: run.stateDir, logDir: run.logDir };
}

/**
 * `node apps/agent/dist/main.js --interval 1 --log-level debug` (or the executable): every batch it spools is logged
 * with its item counts ("batch spooled"), which is what the fault tests count as produced.
 * Resolves once the agent is enrolled and running.
 */
export async function startAgent(options: AgentOptions): Promise<ManagedProcess> {
  if (!existsSync(AGENT_MAIN)) {
    throw new Error(`${AGENT_MAIN} is missing: build first (npx turbo run build --filter=@berth/agent)`);
  }
  const args = ['--server', options.server, '--state-dir', options.stateDir, '--interval', '1'];
  if (options.token) args.push('--token', options.token);
  if (options.readOnly) args.push('--read-only');
  if (options.allowExec) args.push('--allow-exec');
  args.push('--log-level', 'debug');
  const agent = new ManagedProcess(
    options.name,
    AGENT_MAIN,
    args,
    {
      ...readE2eEnv().childBase,
      ...(options.spoolMaxBytes ? { BERTH_SPOOL_MAX_BYTES: options.spoolMaxBytes } : {}),
    },
    path.join(options.logDir, `${options.name}.log`),
  );
  await agent.waitForRecord('agent started', { timeoutMs: 20_000 });
  return agent;
}

/** Resolves when the agent's connection reaches `streaming` (after `since`, a line index). */
export function agentStreaming(
  agent: ManagedProcess,
  since = 0,
  timeoutMs = 60_000,
): Promise<Record<string, unknown>> {
  return agent.waitForRecord('connection handshaking → streaming', { since, timeoutMs });
}

/** Resolves once the agent has spooled `count` batches after line `since`. */
export function spooledBatches(
  agent: ManagedProcess,
  count: number,
  since: number,
  timeoutMs = 30_000,
): Promise<unknown> {
  let seen = 0;
  return agent.waitForLine(
    (line) => {
      if (line.record?.msg === 'batch spooled') seen += 1;
      return seen >= count;
    },
    { since, timeoutMs, what: `${count} "batch spooled" lines` },
  );
}

/** The host id the agent enrolled as (from its "agent started" line). */
export async function agentHostId(agent: ManagedProcess): Promise<string> {
  const record = await agent.waitForRecord('agent started');
  return String(record.hostId);
}

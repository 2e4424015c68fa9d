import { type ChildProcess, spawn } from 'node:child_process';
import { access, constants, mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, issueSecret, withOrg } from '@berth/db';
import { recordChild, stopOrphanChild } from './orphan-child.js';
import type { RunningService } from './start-services.js';

/** The agent's entry point in this repository (embedded mode is the composition root). */
const AGENT_MAIN = fileURLToPath(new URL('../../agent/dist/main.js', import.meta.url));
/** The agent's "do not restart me" exit code (revoked, unauthorised). */
const EXIT_DO_NOT_RESTART = 78;

type Options = {
  db: Db;
  orgId: string;
  gatewayUrl: string;
  dataDir: string;
  dockerHost: string | undefined;
  log: (line: string) => void;
};

/**
 * Runs an agent for this machine's Docker engine as a supervised child process, enrolled
 * in the demo organisation on its first start. Skipped (and said so) without an engine.
 */
export async function startLocalAgent(options: Options): Promise<RunningService | null> {
  const socket = options.dockerHost ? null : '/var/run/docker.sock';
  if (
    socket &&
    !(await access(socket, constants.R_OK | constants.W_OK).then(
      () => true,
      () => false,
    ))
  ) {
    options.log(`local agent: not started (no Docker engine at ${socket})`);
    return null;
  }
  const stateDir = path.join(options.dataDir, 'agent');
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const enrolled = await access(path.join(stateDir, 'credentials.json')).then(
    () => true,
    () => false,
  );
  const token = enrolled ? null : await createEnrolmentToken(options.db, options.orgId);
  const logFile = path.join(options.dataDir, 'agent.log');
  const pidFile = path.join(options.dataDir, 'agent.pid');
  await stopOrphanChild(pidFile, AGENT_MAIN, options.log);
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;

  const launch = async (withToken: string | null) => {
    const out = await open(logFile, 'a');
    const args = [
      AGENT_MAIN,
      '--server',
      options.gatewayUrl,
      '--state-dir',
      stateDir,
      ...(withToken ? ['--token', withToken] : []),
    ];
    // The environment is inherited (DOCKER_HOST included); flags win over BERTH_* variables.
    child = spawn(process.execPath, args, { stdio: ['ignore', out.fd, out.fd] });
    await recordChild(pidFile, child.pid);
    child.on('exit', (code) => {
      void out.close();
      if (stopping) return;
      if (code === EXIT_DO_NOT_RESTART)
        return options.log(`local agent stopped for good (exit ${code}); see ${logFile}`);
      restarts += 1;
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(restarts, 5));
      options.log(`local agent exited (code ${code}); restarting in ${delay / 1000} s — see ${logFile}`);
      setTimeout(() => void launch(null), delay).unref();
    });
  };
  await launch(token);
  options.log(`local agent started (logs: ${logFile})`);
  return {
    name: 'agent',
    url: `local Docker engine → ${options.gatewayUrl}`,
    async stop() {
      stopping = true;
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      await rm(pidFile, { force: true });
    },
  };
}

async function createEnrolmentToken(db: Db, orgId: string): Promise<string> {
  const token = issueSecret('enrol');
  await withOrg(db, orgId, (tx) =>
    tx.enrollmentToken.create({
      data: {
        orgId,
        name: 'embedded local agent',
        prefix: token.prefix,
        tokenHash: token.hash,
        maxUses: 1,
        labels: { source: 'embedded' },
        expiresAt: new Date(Date.now() + 10 * 60_000),
      },
    }),
  );
  return token.secret;
}

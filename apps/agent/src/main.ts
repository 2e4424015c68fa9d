#!/usr/bin/env node
import path from 'node:path';
import { type Capability, CLOSE_CODES, type ConfigFrame } from '@berth/protocol';
import { ActionJournal } from './actions/action-journal.js';
import { executeAction } from './actions/execute-action.js';
import { LiveLogStreams } from './actions/live-log-streams.js';
import { runRecreateHelper } from './actions/self-update/recreate-container.js';
import type { SelfUpdateDeps } from './actions/self-update/update-agent.js';
import { Autoheal } from './autoheal/autoheal.js';
import { Batcher } from './batcher/batcher.js';
import { drainedToBatch } from './batcher/drained-to-batch.js';
import { CheckConfigStore } from './checks/check-config-store.js';
import { LabelChecks } from './checks/label-checks.js';
import { AGENT_VERSION } from './cli/agent-version.js';
import { handleShutdownSignals } from './cli/handle-shutdown-signals.js';
import { loadAgentCommand } from './cli/load-agent-command.js';
import { createLogger } from './cli/logger.js';
import { createCollectors, createDockerClient } from './collectors/index.js';
import { AgentConnection } from './connection/agent-connection.js';
import { toAgentSocketUrl } from './connection/to-agent-socket-url.js';
import { recordRevocation } from './enrolment/credentials-store.js';
import { EnrolmentError } from './enrolment/enrolment-error.js';
import { ensureEnrolled } from './enrolment/ensure-enrolled.js';
import { ExecSessions } from './exec/exec-sessions.js';
import { ImageChecks } from './image-checks/image-checks.js';
import { Spool } from './spool/spool.js';

/** Exit code for "stop restarting me" (revoked, unauthorised, unsupported): sysexits' EX_CONFIG. */
const EXIT_DO_NOT_RESTART = 78;
/** Exit code for "start me again now" (the bundle was updated): sysexits' EX_TEMPFAIL. */
const EXIT_RESTART = 75;

const command = loadAgentCommand();
if (command.kind === 'recreate') {
  const helperDocker = createDockerClient({ dockerHost: command.dockerHost });
  process.exit(await runRecreateHelper(helperDocker, command.request, createLogger('info')));
}
const config = command.config;
const log = createLogger(config.logLevel);
const docker = createDockerClient({ dockerHost: config.dockerHost });
const collectors = createCollectors({
  docker,
  logger: log,
  statePath: path.join(config.stateDir, 'collectors.json'),
  intervalMs: config.intervalMs,
  host: { procRoot: config.procRoot, rootFs: config.hostRoot },
});

const enrolment = await ensureEnrolled({
  stateDir: config.stateDir,
  server: config.server,
  token: config.token,
  hostFacts: () => collectors.hostFacts(),
  agentVersion: AGENT_VERSION,
  log,
}).catch((error: unknown) => {
  if (!(error instanceof EnrolmentError)) throw error;
  log.fatal({ kind: error.kind }, error.message);
  process.exit(1);
});

const spool = await Spool.open({ stateDir: config.stateDir, maxBytes: config.spoolMaxBytes, log });
const journal = new ActionJournal(path.join(config.stateDir, 'actions.json'));
await journal.load();
const capabilities: Capability[] = [
  'actions',
  'logs',
  'live_logs',
  'check_config',
  'image_check',
  ...(config.readOnly ? (['read_only'] as const) : (['container_update'] as const)),
  ...(config.installMode && !config.readOnly ? (['self_update'] as const) : []),
  ...(config.allowExec && !config.readOnly ? (['exec'] as const) : []),
];
let clockOffsetMs = 0;
let announcedAgentVersion: string | null = null;
const selfUpdate: SelfUpdateDeps = {
  installMode: config.installMode,
  currentVersion: AGENT_VERSION,
  targetVersion: () => announcedAgentVersion,
  bundlePath: path.resolve(process.argv[1] ?? ''),
  downloadUrl: config.downloadUrl ?? enrolment.server,
  restart: async () => {
    log.info('restarting into the updated agent');
    await stopWork();
    await connection.shutdown();
    process.exit(EXIT_RESTART);
  },
};

const connection: AgentConnection = new AgentConnection({
  url: toAgentSocketUrl(enrolment.server),
  credential: enrolment.credential,
  spool,
  log,
  expectedHostId: enrolment.hostId,
  hello: async () => ({
    agentVersion: AGENT_VERSION,
    host: await collectors.hostFacts(),
    capabilities,
    // Columnar container samples and log entries (issue 20), sent only once a welcome accepted them.
    encodings: ['columnar', 'json'],
  }),
  onWelcome: (welcome) => {
    clockOffsetMs = Date.parse(welcome.serverTime) - Date.now();
    announcedAgentVersion = welcome.currentAgentVersion;
  },
  onAction: (frame) => {
    void executeAction(frame, {
      docker,
      refreshInventory: () => collectors.refreshInventory(),
      selfUpdate,
      reportProgress: (progress) => connection.send(progress),
      containerChecks: (name) => checks.checksOf(name),
      journal,
      readOnly: config.readOnly,
      serverNow: () => Date.now() + clockOffsetMs,
      send: (result) => connection.send(result),
      logger: log,
    }).catch((error: unknown) => log.error({ err: error, actionId: frame.id }, 'action failed unexpectedly'));
  },
  onFrame: (frame) => {
    if (frame.type === 'logs_follow') void liveLogs.follow(frame);
    else if (frame.type === 'logs_stop') liveLogs.stop(frame.streamId);
    else if (frame.type === 'config') void applyCheckConfig(frame);
    else if (frame.type === 'image_check')
      void imageChecks
        .handle(frame)
        .catch((error: unknown) =>
          log.error({ err: error, requestId: frame.requestId }, 'image checks failed'),
        );
    else if (ExecSessions.handles(frame)) exec.handle(frame);
  },
  onStateChange: (change) => {
    if (change.from === 'streaming') exec.closeAll('the agent lost its connection to Berth');
  },
});
const exec = new ExecSessions({
  docker,
  send: (frame) => connection.send(frame),
  log,
  allowed: config.allowExec,
  readOnly: config.readOnly,
  procRoot: config.procRoot,
});
const imageChecks = new ImageChecks({ send: (frame) => connection.send(frame), log });
const liveLogs = new LiveLogStreams(docker, (frame) => connection.send(frame), log);
// Decided here, not by the gateway, so healing goes on while Berth is unreachable.
const autoheal = new Autoheal({
  docker,
  log,
  readOnly: config.readOnly,
  statePath: path.join(config.stateDir, 'autoheal.json'),
});
const checks = new LabelChecks({
  docker,
  log,
  syncIntervalMs: config.intervalMs,
  onResult: (result) => autoheal.onCheckResult(result),
});
const checkConfig = new CheckConfigStore(config.stateDir, log);

/**
 * A pushed config: persisted first (so a restart runs it even with the gateway away), then
 * applied, then acknowledged. A config that cannot be persisted is not acked: the gateway sends
 * it again on the next connection.
 */
async function applyCheckConfig(frame: ConfigFrame): Promise<void> {
  try {
    await checkConfig.save(frame);
    await checks.setConfigured(frame.checks);
    autoheal.setConfigured(frame.autoheal ?? []);
    connection.send({ type: 'config_ack', version: frame.version });
    log.info({ version: frame.version, checks: frame.checks.length }, 'check config applied');
  } catch (error) {
    log.error({ err: error, version: frame.version }, 'check config could not be applied');
  }
}

const batcher = new Batcher({
  source: {
    drain: () => {
      const drained = drainedToBatch(collectors.drain(), log);
      return { ...drained, ...checks.drain(), events: [...drained.events, ...autoheal.drain()] };
    },
  },
  spool,
  sink: connection,
  log,
  intervalMs: config.intervalMs,
  limits: () => connection.sessionLimits(),
});

await collectors.start();
// The persisted console-defined checks run from the start, before (and without) a connection.
const persistedCheckConfig = await checkConfig.load();
if (persistedCheckConfig) {
  await checks.setConfigured(persistedCheckConfig.checks);
  autoheal.setConfigured(persistedCheckConfig.autoheal ?? []);
  log.info(
    { version: persistedCheckConfig.version, checks: persistedCheckConfig.checks.length },
    'persisted check config applied',
  );
}
await checks.start();
await autoheal.start();
connection.start();
batcher.start();
log.info(
  {
    hostId: enrolment.hostId,
    server: enrolment.server,
    readOnly: config.readOnly,
    allowExec: config.allowExec && !config.readOnly,
    intervalMs: config.intervalMs,
    installMode: config.installMode ?? null,
  },
  'agent started',
);

async function stopWork(): Promise<void> {
  liveLogs.stopAll();
  exec.closeAll('the agent is stopping');
  checks.stop();
  await autoheal.stop();
  await batcher.stop();
  await collectors.stop();
  docker.close();
}

handleShutdownSignals(async () => {
  await stopWork();
  await connection.shutdown();
  process.exit(0);
}, log);

const stop = await connection.stopped;
if (stop.kind === 'fatal') {
  await stopWork();
  if (stop.code === CLOSE_CODES.revoked) {
    await recordRevocation(config.stateDir, {
      hostId: enrolment.hostId,
      revokedAt: new Date().toISOString(),
      reason: stop.reason,
    });
  }
  log.fatal({ code: stop.code, reason: stop.reason }, stop.message);
  process.exit(EXIT_DO_NOT_RESTART);
}

import path from 'node:path';
import { buildApi } from '@berth/api/app';
import { type Bus, createRedisBus } from '@berth/bus';
import { type Db, issueSecret, type Role, withOrg } from '@berth/db';
import { seedOrg } from '@berth/db/testing';
import { machineDatabase } from '../support/fault-database.js';
import { createFaultRunWith, type FaultRun } from '../support/fault-run.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { agentHostId, agentStreaming, startAgent } from '../support/start-agent.js';
import { startGateway } from '../support/start-gateway.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const SECRET = 'e2e-control-plane-secret-0123456789abcdef';

export type ActionView = { id: string; status: string; output: string | null; deadline: string };

/**
 * One gateway process and one real agent on Redis, and the API in this process (on its own Redis
 * bus, listening on a port so SSE can be read with fetch), plus API tokens of the run's org and of
 * a stranger org.
 */
export type ControlWorld = {
  run: FaultRun;
  gateway: ManagedProcess;
  agent: ManagedProcess;
  hostId: string;
  /** Watches the bus like an operator with redis-cli would. */
  observer: Bus;
  baseUrl: string;
  tokens: { operator: string; viewer: string; stranger: string };
  /** Starts another agent process on `stateDir` (a new host unless it already enrolled there). */
  startAgent(name: string, stateDir: string, options?: { readOnly?: boolean }): Promise<ManagedProcess>;
  call(method: 'GET' | 'POST', url: string, payload?: object, token?: string): Promise<Response>;
  close(): Promise<void>;
};

export async function startControlWorld(label: string): Promise<ControlWorld> {
  const run = await createFaultRunWith(label, { database: machineDatabase, containers: 0 });
  const gateway = await startGateway({
    databaseUrl: run.database.appUrl,
    port: run.port,
    logDir: run.logDir,
    name: `gw-${run.runId}`,
    env: { REDIS_URL },
  });
  const start = async (name: string, stateDir: string, options: { readOnly?: boolean } = {}) => {
    const agent = await startAgent({
      server: run.server,
      token: run.token,
      stateDir,
      logDir: run.logDir,
      name,
      ...options,
    });
    await agentStreaming(agent);
    return agent;
  };
  const agent = await start('agent', run.stateDir);
  const bus = createRedisBus(REDIS_URL, { name: `e2e-${label}-api` });
  const observer = createRedisBus(REDIS_URL, { name: `e2e-${label}-observer` });
  const api = await buildApi({
    databaseUrl: run.database.appUrl,
    bus,
    settings: {
      authSecret: SECRET,
      consoleOrigin: 'http://console.test',
      publicUrl: 'http://berth.test',
      gatewayUrl: run.server,
      production: false,
      mailFrom: 'e2e@berth.test',
    },
  });
  run.onCleanup(async () => {
    await api.close();
    await bus.close();
    await observer.close();
  });
  const baseUrl = await api.app.listen({ host: '127.0.0.1', port: 0 });
  const stranger = await seedOrg(run.database.db);
  const tokens = {
    operator: await apiToken(run.database.db, run.orgId, 'operator'),
    viewer: await apiToken(run.database.db, run.orgId, 'viewer'),
    stranger: await apiToken(run.database.db, stranger.orgId, 'owner'),
  };
  return {
    run,
    gateway,
    agent,
    hostId: await agentHostId(agent),
    observer,
    baseUrl,
    tokens,
    startAgent: start,
    call: (method, url, payload, token = tokens.operator) =>
      fetch(`${baseUrl}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
        ...(payload ? { body: JSON.stringify(payload) } : {}),
      }),
    close: () => run.cleanup({ keepLogs: false }),
  };
}

async function apiToken(db: Db, orgId: string, role: Role): Promise<string> {
  const token = issueSecret('api');
  await withOrg(db, orgId, (tx) =>
    tx.apiToken.create({
      data: { orgId, name: `e2e ${role}`, prefix: token.prefix, tokenHash: token.hash, role },
    }),
  );
  return token.secret;
}

/** The agent's "running action" lines for one action id (how many times it really ran it). */
export function runsOf(agent: ManagedProcess, actionId: string): number {
  return agent.records('running action').filter((record) => record.actionId === actionId).length;
}

export const agentStateDir = (run: FaultRun, name: string) => path.join(run.dir, name);

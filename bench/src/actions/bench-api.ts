import { buildApi } from '@berth/api/app';
import { createRedisBus } from '@berth/bus';
import { issueSecret, type Role, withOrg } from '@berth/db';
import type { TestDatabase } from '@berth/db/testing';
import { ActionStatusWatcher, type FinalStatus } from './action-status-watcher.js';

export type BenchApi = {
  url: string;
  /** POSTs an action as an operator of `orgId`: its id, when the request started and when it was answered. */
  queue(
    orgId: string,
    path: string,
    body: object,
  ): Promise<{ id: string; sentAt: number; acceptedAt: number }>;
  /** When the org's live stream showed the action final. */
  finished(orgId: string, actionId: string): Promise<FinalStatus>;
  get(orgId: string, path: string): Promise<unknown>;
  close(): Promise<void>;
};

/**
 * The real API in this process, listening on HTTP (requests go through its whole stack: auth,
 * validation, transaction, audit, Redis), with an operator token and an open live stream per org.
 */
export async function startBenchApi(
  database: TestDatabase,
  redisUrl: string,
  orgIds: string[],
): Promise<BenchApi> {
  const bus = createRedisBus(redisUrl, { name: 'bench-actions-api' });
  const api = await buildApi({
    databaseUrl: database.appUrl,
    bus,
    settings: {
      authSecret: 'bench-actions-secret-0123456789abcdef-0123',
      consoleOrigin: 'http://console.bench',
      publicUrl: 'http://berth.bench',
      gatewayUrl: 'http://gateway.bench',
      production: false,
      mailFrom: 'bench@berth.bench',
    },
  });
  const url = await api.app.listen({ host: '127.0.0.1', port: 0 });
  const tokens = new Map<string, string>();
  const watchers = new Map<string, ActionStatusWatcher>();
  for (const orgId of orgIds) {
    const token = await apiToken(database, orgId, 'operator');
    const watcher = new ActionStatusWatcher();
    await watcher.open(`${url}/api/v1/stream`, token);
    tokens.set(orgId, token);
    watchers.set(orgId, watcher);
  }
  const tokenOf = (orgId: string) => tokens.get(orgId) ?? '';
  return {
    url,
    async queue(orgId, path, body) {
      const sentAt = performance.now();
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenOf(orgId)}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { id?: string };
      const acceptedAt = performance.now();
      if (response.status !== 202 || !answer.id)
        throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
      return { id: answer.id, sentAt, acceptedAt };
    },
    finished: (orgId, actionId) => {
      const watcher = watchers.get(orgId);
      if (!watcher) throw new Error(`no live stream for org ${orgId}`);
      return watcher.finished(actionId);
    },
    async get(orgId, path) {
      const response = await fetch(`${url}${path}`, {
        headers: { authorization: `Bearer ${tokenOf(orgId)}` },
      });
      return response.json();
    },
    async close() {
      await Promise.all([...watchers.values()].map((watcher) => watcher.close()));
      await api.close();
      await bus.close();
    },
  };
}

async function apiToken(database: TestDatabase, orgId: string, role: Role): Promise<string> {
  const token = issueSecret('api');
  await withOrg(database.db, orgId, (tx) =>
    tx.apiToken.create({
      data: { orgId, name: `bench ${role}`, prefix: token.prefix, tokenHash: token.hash, role },
    }),
  );
  return token.secret;
}

import { existsSync } from 'node:fs';
import { issueSecret, withOrg } from '@berth/db';
import { createTestDatabase, type SeededOrg, seedOrg, type TestDatabase } from '@berth/db/testing';
import { freePort } from './free-port.js';
import { API_SERVER, GATEWAY_SERVER } from './repo-paths.js';
import { type Service, startService } from './start-service.js';

const AUTH_SECRET = 'infra-test-secret-infra-test-secret-0123';

export type HostRow = { id: string; status: string; lastSeq: bigint; lastSeenAt: Date | null };

export type Berth = {
  database: TestDatabase;
  org: SeededOrg;
  gatewayUrl: string;
  apiUrl: string;
  services: Service[];
  /** An enrolment token of the org (default: valid for an hour, unlimited uses). */
  enrolmentToken(options?: { maxUses?: number; expiresAt?: Date }): Promise<string>;
  /** A live API token of the org with `role` (for `Authorization: Bearer`). */
  apiToken(role: 'owner' | 'admin' | 'operator' | 'viewer'): Promise<string>;
  /** The org's hosts other than the seeded one, i.e. those enrolled by the test. */
  enrolledHosts(): Promise<HostRow[]>;
  stop(): Promise<void>;
};

/**
 * A local Berth: a fresh database, the gateway and the API from their built dist/ (as deployed),
 * each its own process on a free port, with the in-process bus (so actions reach an agent only
 * on its next hello) or Redis.
 */
export async function startBerth({
  intervalS,
  agentVersion,
  redisUrl,
}: {
  intervalS: number;
  /** BERTH_AGENT_VERSION for gateway and API (default: the agent this checkout builds). */
  agentVersion?: string;
  /** Redis for gateway and API, so actions reach the agent at once (default: in-process buses). */
  redisUrl?: string;
}): Promise<Berth> {
  for (const file of [GATEWAY_SERVER, API_SERVER]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const database = await createTestDatabase();
  const org = await seedOrg(database.db);
  const [gatewayPort, apiPort] = [await freePort(), await freePort()];
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const common = {
    DATABASE_URL: database.appUrl,
    AUTH_SECRET,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...(agentVersion ? { BERTH_AGENT_VERSION: agentVersion } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  const services: Service[] = [];
  const stop = async () => {
    await Promise.all(services.map((service) => service.stop()));
    await database.drop();
  };
  try {
    services.push(
      await startService(
        'gateway',
        GATEWAY_SERVER,
        { ...common, GATEWAY_PORT: String(gatewayPort), AGENT_INTERVAL_S: String(intervalS) },
        `${gatewayUrl}/healthz`,
      ),
    );
    services.push(
      await startService(
        'api',
        API_SERVER,
        {
          ...common,
          API_PORT: String(apiPort),
          BERTH_PUBLIC_URL: apiUrl,
          GATEWAY_PUBLIC_URL: gatewayUrl,
        },
        `${apiUrl}/install.sh`,
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    database,
    org,
    gatewayUrl,
    apiUrl,
    services,
    async enrolmentToken(options = {}) {
      const token = issueSecret('enrol');
      await withOrg(database.db, org.orgId, (tx) =>
        tx.enrollmentToken.create({
          data: {
            orgId: org.orgId,
            name: 'infra test',
            prefix: token.prefix,
            tokenHash: token.hash,
            maxUses: options.maxUses ?? null,
            expiresAt: options.expiresAt ?? new Date(Date.now() + 3_600_000),
          },
        }),
      );
      return token.secret;
    },
    async apiToken(role) {
      const token = issueSecret('api');
      await withOrg(database.db, org.orgId, (tx) =>
        tx.apiToken.create({
          data: {
            orgId: org.orgId,
            name: `${role} token`,
            prefix: token.prefix,
            tokenHash: token.hash,
            role,
          },
        }),
      );
      return token.secret;
    },
    async enrolledHosts() {
      return withOrg(database.db, org.orgId, (tx) =>
        tx.host.findMany({
          where: { id: { not: org.hostId } },
          select: { id: true, status: true, lastSeq: true, lastSeenAt: true },
          orderBy: { createdAt: 'asc' },
        }),
      );
    },
    stop,
  };
}

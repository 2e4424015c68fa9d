import { randomUUID } from 'node:crypto';
import { createDb, issueSecret, type Role, withOrg } from '@berth/db';
import { setUpdatePolicy } from '@berth/db/queries';
import { seedOrg, type TestDatabase } from '@berth/db/testing';
import { apiTokenFor, CONSOLE_ORIGIN, sessionCookieFor, type TestApi } from '../api-harness.js';

/** Request headers of one caller (session cookies carry the console's Origin, as browsers do). */
export type Caller = Record<string, string>;

export type FleetWorld = {
  orgId: string;
  ownerId: string;
  callers: Record<Role, Caller>;
  viewerToken: Caller;
  adminToken: Caller;
};

/** An organisation with a signed-in member of each role and viewer/admin API tokens. */
export async function createFleetWorld(database: TestDatabase): Promise<FleetWorld> {
  const org = await seedOrg(database.db);
  // seedOrg's host is not needed: fleet tests create the hosts they look at.
  await withOrg(database.db, org.orgId, (tx) => tx.host.deleteMany({ where: { id: org.hostId } }));
  const callers = { owner: await cookie(database, org.userId, org.orgId) } as Record<Role, Caller>;
  for (const role of ['admin', 'operator', 'viewer'] as const) {
    const userId = randomUUID();
    await withOrg(
      database.db,
      org.orgId,
      async (tx) => {
        await tx.user.create({ data: { id: userId, email: `${role}-${userId.slice(0, 8)}@example.test` } });
        await tx.membership.create({ data: { orgId: org.orgId, userId, role } });
      },
      { userId },
    );
    callers[role] = await cookie(database, userId, org.orgId);
  }
  return {
    orgId: org.orgId,
    ownerId: org.userId,
    callers,
    viewerToken: { authorization: `Bearer ${await apiTokenFor(database, org.orgId, 'viewer')}` },
    adminToken: { authorization: `Bearer ${await apiTokenFor(database, org.orgId, 'admin')}` },
  };
}

async function cookie(database: TestDatabase, userId: string, orgId: string): Promise<Caller> {
  return { cookie: await sessionCookieFor(userId, orgId, { database }), origin: CONSOLE_ORIGIN };
}

export type HostOptions = {
  name?: string;
  labels?: Record<string, string>;
  status?: 'pending' | 'online' | 'offline';
  cpus?: number;
  memTotal?: number;
};

export async function addHost(
  database: TestDatabase,
  orgId: string,
  options: HostOptions = {},
): Promise<string> {
  const id = randomUUID();
  await withOrg(database.db, orgId, (tx) =>
    tx.host.create({
      data: {
        id,
        orgId,
        name: options.name ?? `host-${id.slice(0, 8)}`,
        hostname: `${options.name ?? id.slice(0, 8)}.example.test`,
        labels: options.labels ?? {},
        status: options.status ?? 'online',
        agentVersion: '1.2.3',
        cpus: options.cpus ?? 4,
        memTotal: BigInt(options.memTotal ?? 8 * 1024 ** 3),
        credentialHash: issueSecret('host').hash,
        lastSeenAt: new Date(),
      },
    }),
  );
  return id;
}

export type ContainerOptions = {
  name?: string;
  image?: string;
  labels?: Record<string, string>;
  state?: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
  health?: 'none' | 'starting' | 'healthy' | 'unhealthy';
  restartCount?: number;
  removed?: boolean;
  ports?: { privatePort: number; publicPort?: number; type: 'tcp' | 'udp' | 'sctp'; ip?: string }[];
};

/** A container row as the gateway's inventory upsert leaves it; returns its 12-character id. */
export async function addContainer(
  database: TestDatabase,
  orgId: string,
  hostId: string,
  options: ContainerOptions = {},
): Promise<string> {
  const dockerId = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
  const shortId = dockerId.slice(0, 12);
  await withOrg(database.db, orgId, (tx) =>
    tx.container.create({
      data: {
        hostId,
        shortId,
        orgId,
        dockerId,
        name: options.name ?? `c-${shortId}`,
        image: options.image ?? 'nginx:1.27',
        imageId: 'sha256:abc',
        labels: options.labels ?? {},
        state: options.state ?? 'running',
        health: options.health ?? 'none',
        restartCount: options.restartCount ?? 0,
        ports: options.ports ?? [],
        createdAt: new Date(Date.now() - 86_400_000),
        startedAt: new Date(Date.now() - 3_600_000),
        removedAt: options.removed ? new Date() : null,
      },
    }),
  );
  return shortId;
}

export async function addEnrolmentToken(database: TestDatabase, orgId: string): Promise<string> {
  const secret = issueSecret('enrol');
  const token = await withOrg(database.db, orgId, (tx) =>
    tx.enrollmentToken.create({
      data: {
        orgId,
        name: 'fixture',
        prefix: secret.prefix,
        tokenHash: secret.hash,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    }),
  );
  return token.id;
}

/** A container group (random name) with `members` (host + container name); returns its id. */
export async function addContainerGroup(
  database: TestDatabase,
  orgId: string,
  members: { hostId: string; containerName: string }[] = [],
  options: { name?: string; colour?: string } = {},
): Promise<string> {
  return withOrg(database.db, orgId, async (tx) => {
    const group = await tx.containerGroup.create({
      data: {
        orgId,
        name: options.name ?? `group-${randomUUID().slice(0, 8)}`,
        colour: options.colour ?? '#0d9488',
      },
    });
    if (members.length > 0) {
      await tx.containerGroupMember.createMany({
        data: members.map((member) => ({ orgId, groupId: group.id, ...member })),
      });
    }
    return group.id;
  });
}

/** Owner-side SQL for assertions (no RLS): what is really in the database. */
export async function ownerRows<T>(database: TestDatabase, sql: string, ...params: unknown[]): Promise<T[]> {
  const owner = createDb(database.adminUrl, { max: 1 });
  try {
    return await owner.$queryRawUnsafe<T[]>(sql, ...params);
  } finally {
    await owner.$disconnect();
  }
}

/**
 * One run of the container's `default` health check, `secondsAgo` back, as the owner; the
 * check's id (derived as the gateway derives it: host, container name, check name).
 */
export async function addCheckResult(
  database: TestDatabase,
  orgId: string,
  hostId: string,
  containerName: string,
  options: {
    name?: string;
    secondsAgo?: number;
    status?: string;
    latencyMs?: number;
    error?: string;
    certExpiresAt?: Date;
  } = {},
): Promise<string> {
  const [row] = await ownerRows<{ id: string }>(
    database,
    `INSERT INTO check_results (org_id, host_id, check_id, container_name, check_name, kind, ts, status, latency_ms,
       target, error, cert_expires_at)
     SELECT $1::uuid, $2::uuid, md5($2::text || '/' || $3::text || '/' || $4::text)::uuid, $3, $4, 'http',
       now() - make_interval(secs => $5::float8), $6, $7::int, 'http://127.0.0.1:8080/health', $8, $9::timestamptz
     RETURNING check_id::text AS id`,
    orgId,
    hostId,
    containerName,
    options.name ?? 'default',
    options.secondsAgo ?? 60,
    options.status ?? 'up',
    options.latencyMs ?? 12,
    options.error ?? null,
    options.certExpiresAt?.toISOString() ?? null,
  );
  if (!row) throw new Error('check result not stored');
  return row.id;
}

/** The test template may predate today's partitions: create them as maintenance would. */
export async function ensurePartitions(database: TestDatabase): Promise<void> {
  await ownerRows(database, 'SELECT count(*) FROM berth_maintenance.maintain_partitions()');
}

export function call(harness: TestApi, method: string, url: string, headers: Caller, payload?: unknown) {
  return harness.api.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** A `block` update policy rule on `groupId`; returns the rule's id. */
export async function addUpdatePolicy(
  database: TestDatabase,
  orgId: string,
  groupId: string,
): Promise<string> {
  return withOrg(database.db, orgId, async (tx) => {
    const { rule } = await setUpdatePolicy(tx, orgId, { scope: 'group', groupId }, 'block');
    return rule.id;
  });
}

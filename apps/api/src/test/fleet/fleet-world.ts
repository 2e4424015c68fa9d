import { randomUUID } from 'node:crypto';
import { createDb, issueSecret, type Role, withOrg } from '@berth/db';
import { setUpdatePolicy } from '@berth/db/queries';
import { seedOrg, type TestDatabase } from '@berth/db/testing';
import { apiTokenFor, CONSOLE_ORIGIN, sessionCookieFor, startTestApi, type TestApi } from '../api-harness.js';

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

/**
 * What most fleet test files start from: the test API over a fresh database with the metric
 * partitions, and a fleet world in it. Stop the harness in afterAll.
 */
export async function startFleetApi(): Promise<{ harness: TestApi; world: FleetWorld }> {
  const harness = await startTestApi();
  try {
    await ensurePartitions(harness.database);
    return { harness, world: await createFleetWorld(harness.database) };
  } catch (error) {
    await harness.stop();
    throw error;
  }
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

/** A tcp check definition named `api` on a container (host + name), as the API would store it. */
export async function addCheckDefinition(
  database: TestDatabase,
  orgId: string,
  hostId: string,
  containerName: string,
): Promise<string> {
  return withOrg(database.db, orgId, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO check_definitions (org_id, host_id, container_name, name, spec)
      VALUES (${orgId}::uuid, ${hostId}::uuid, ${containerName}, 'api',
        '{"kind":"tcp","target":"{{ip}}:80","intervalS":30,"timeoutMs":10000,"retries":1}'::jsonb)
      RETURNING id`;
    const id = rows[0]?.id;
    if (!id) throw new Error('check definition not created');
    return id;
  });
}

/** An on-failure auto-restart policy on a container (host + name), as the API would store it. */
export async function addAutohealPolicy(
  database: TestDatabase,
  orgId: string,
  hostId: string,
  containerName: string,
): Promise<string> {
  return withOrg(database.db, orgId, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO autoheal_policies (org_id, host_id, container_name, mode, backoff_initial_s, backoff_cap_s,
        max_attempts, window_s)
      VALUES (${orgId}::uuid, ${hostId}::uuid, ${containerName}, 'on-failure', 10, 300, 5, 1800)
      RETURNING id`;
    const id = rows[0]?.id;
    if (!id) throw new Error('auto-restart policy not created');
    return id;
  });
}

/** Registry credentials of `orgId` for a fresh registry host, as the owner; their id. */
export async function addRegistryCredential(database: TestDatabase, orgId: string): Promise<string> {
  const [row] = await ownerRows<{ id: string }>(
    database,
    `INSERT INTO registry_credentials (org_id, registry, username, password_sealed)
     VALUES ($1::uuid, $2, 'ci', 'v1.k.sealed') RETURNING id::text`,
    orgId,
    `r${randomUUID().slice(0, 8)}.example.test`,
  );
  if (!row) throw new Error('registry credential not created');
  return row.id;
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
    // Marks the run's minute for the rollup job, as the gateway's ingest statement does for runs
    // it accepts (up to 6 days late: older minutes have no 1-minute partition to roll into).
    `WITH run AS (
       INSERT INTO check_results (org_id, host_id, check_id, container_name, check_name, kind, ts, status, latency_ms,
         target, error, cert_expires_at)
       SELECT $1::uuid, $2::uuid, md5($2::text || '/' || $3::text || '/' || $4::text)::uuid, $3, $4, 'http',
         now() - make_interval(secs => $5::float8), $6, $7::int, 'http://127.0.0.1:8080/health', $8, $9::timestamptz
       RETURNING org_id, host_id, check_id, ts
     ), marked AS (
       INSERT INTO rollup_dirty_minutes (org_id, host_id, minute)
       SELECT org_id, host_id, date_trunc('minute', ts, 'UTC') FROM run WHERE ts > now() - interval '6 days'
       ON CONFLICT (host_id, minute) DO NOTHING
     )
     SELECT check_id::text AS id FROM run`,
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

/**
 * An hour of a check's history as only its 1-hour rollup keeps it once the 1-minute rows have
 * expired (8 days): `runs` runs, `down` of them down.
 */
export async function addCheckHour(
  database: TestDatabase,
  orgId: string,
  hostId: string,
  containerName: string,
  options: { hoursAgo: number; runs: number; down: number },
): Promise<void> {
  await ownerRows(
    database,
    `INSERT INTO check_results_1h (org_id, host_id, check_id, bucket, container_name, check_name, runs, up, pending,
       down, slow, latency_sum, latency_min, latency_max, last_ts, last_status, last_error)
     SELECT $1::uuid, $2::uuid, md5($2::text || '/' || $3::text || '/default')::uuid, b, $3, 'default', $5::int,
       $5::int - $6::int, 0, $6::int, 0, 10 * $5::int, 10, 10, b + interval '59 minutes', 'up', NULL
     FROM date_trunc('hour', now() - make_interval(hours => $4::int), 'UTC') AS b`,
    orgId,
    hostId,
    containerName,
    options.hoursAgo,
    options.runs,
    options.down,
  );
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

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { withOrg } from '../with-org.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('schema.prisma agrees with the SQL migrations', () => {
  it('creates and reads every model through the generated client as the runtime role', async () => {
    const orgId = randomUUID();
    const userId = randomUUID();
    const result = await withOrg(
      database.db,
      orgId,
      async (tx) => {
        await tx.user.create({ data: { id: userId, email: `models-${orgId}@x.test`, name: 'Models' } });
        await tx.organization.create({ data: { id: orgId, name: 'Models', slug: `models-${orgId}` } });
        await tx.membership.create({ data: { orgId, userId, role: 'admin' } });
        const team = await tx.team.create({ data: { orgId, name: 'ops', hostSelector: { env: 'prod' } } });
        await tx.teamMember.create({ data: { orgId, teamId: team.id, userId } });
        await tx.invite.create({
          data: {
            orgId,
            email: 'new@x.test',
            role: 'viewer',
            tokenHash: `i-${orgId}`,
            expiresAt: new Date(Date.now() + 1e6),
          },
        });
        await tx.apiToken.create({
          data: { orgId, name: 'ci', prefix: 'berth_api_abc', tokenHash: `a-${orgId}`, role: 'viewer' },
        });
        const enrol = await tx.enrollmentToken.create({
          data: {
            orgId,
            name: 'fleet',
            prefix: 'berth_enrol_x',
            tokenHash: `e-${orgId}`,
            labels: { env: 'prod' },
            maxUses: 5,
            expiresAt: new Date(Date.now() + 1e6),
          },
        });
        const host = await tx.host.create({
          data: {
            orgId,
            name: 'web-1',
            hostname: 'web-1',
            credentialHash: `h-${orgId}`,
            enrollmentTokenId: enrol.id,
            memTotal: 8n * 1024n ** 3n,
            capabilities: ['actions', 'logs'],
            labels: { env: 'prod' },
          },
        });
        await tx.container.create({
          data: {
            hostId: host.id,
            shortId: '0123456789ab',
            orgId,
            dockerId: '0123456789ab'.padEnd(64, '0'),
            name: 'web',
            image: 'nginx:1',
            imageId: 'sha256:abc',
            state: 'running',
            health: 'healthy',
            ports: [{ privatePort: 80, type: 'tcp' }],
            createdAt: new Date(),
            startedAt: new Date(),
          },
        });
        await tx.action.create({
          data: {
            orgId,
            hostId: host.id,
            containerShortId: '0123456789ab',
            verb: 'restart',
            params: { timeoutS: 10 },
            requestedBy: userId,
            deadline: new Date(Date.now() + 60_000),
          },
        });
        await tx.auditLog.create({
          data: {
            orgId,
            actorUserId: userId,
            action: 'container.restart',
            targetType: 'container',
            targetId: '0123456789ab',
            ip: '127.0.0.1',
          },
        });
        const rule = await tx.alertRule.create({
          data: {
            orgId,
            name: 'cpu',
            kind: 'host_metric',
            params: { metric: 'cpu_pct', op: '>', threshold: 90 },
            severity: 'warning',
          },
        });
        const now = new Date();
        const alert = await tx.alert.create({
          data: {
            orgId,
            ruleId: rule.id,
            fingerprint: `cpu-${host.id}`,
            state: 'firing',
            severity: 'warning',
            hostId: host.id,
            summary: 'CPU 95.5 % on web-1',
            value: 95.5,
            pendingSince: now,
            firedAt: now,
            lastTrueAt: now,
          },
        });
        await tx.alertEvent.create({ data: { orgId, alertId: alert.id, kind: 'firing', value: 95.5 } });
        await tx.alertSilence.create({
          data: {
            orgId,
            matchers: [{ label: 'host', op: '=', value: 'web-1' }],
            startsAt: now,
            endsAt: new Date(now.getTime() + 3_600_000),
            comment: 'deploy',
          },
        });
        await tx.alertMuteWindow.create({
          data: {
            orgId,
            name: 'nightly',
            kind: 'maintenance',
            timeZone: 'Europe/Berlin',
            weekdays: [1, 2, 3],
            startMinute: 120,
            durationMinutes: 60,
          },
        });
        await tx.notificationChannel.create({
          data: {
            orgId,
            name: 'mail',
            kind: 'email',
            config: { to: ['ops@x.test'] },
            secrets: 'v1.k.sealed',
            description: 'e-mail to ops@x.test',
          },
        });
        await tx.ingestGap.create({ data: { orgId, hostId: host.id, fromSeq: 5n, toSeq: 9n, dropped: 5 } });
        const group = await tx.containerGroup.create({
          data: { orgId, name: 'web tier', colour: '#2563eb' },
        });
        await tx.containerGroupMember.create({
          data: { orgId, groupId: group.id, hostId: host.id, containerName: 'web' },
        });
        await tx.execSettings.create({ data: { orgId, operatorsAllowed: true } });
        await tx.execSession.create({
          data: {
            orgId,
            hostId: host.id,
            containerId: '0123456789ab',
            userId,
            command: ['/bin/sh', '-l'],
            transcript: Buffer.from('hi'),
          },
        });
        await tx.userSession.create({
          data: { id: `sid-${orgId}`, userId, expiresAt: new Date(Date.now() + 1e6), ip: '127.0.0.1' },
        });
        await tx.passwordReset.create({
          data: { userId, tokenHash: `r-${orgId}`, expiresAt: new Date(Date.now() + 1e6) },
        });
        return tx.organization.findUniqueOrThrow({
          where: { id: orgId },
          include: {
            memberships: { include: { user: { include: { sessions: true, passwordResets: true } } } },
            teams: { include: { members: true } },
            invites: true,
            apiTokens: true,
            enrollmentTokens: { include: { hosts: true } },
            hosts: { include: { containers: true, actions: true, ingestGaps: true } },
            auditLogs: true,
            alertRules: { include: { alerts: { include: { events: true } } } },
            alertSilences: true,
            alertMuteWindows: true,
            notificationChannels: true,
            containerGroups: { include: { members: true } },
          },
        });
      },
      { userId },
    );
    expect(result.memberships[0]?.user.email).toBe(`models-${orgId}@x.test`);
    expect(result.teams[0]?.members).toHaveLength(1);
    expect(result.memberships[0]?.user.sessions[0]?.revokedAt).toBeNull();
    expect(result.memberships[0]?.user.passwordResets).toHaveLength(1);
    expect(result.enrollmentTokens[0]?.hosts[0]?.name).toBe('web-1');
    const host = result.hosts[0];
    expect(host?.memTotal).toBe(8n * 1024n ** 3n);
    expect(host?.status).toBe('pending');
    expect(host?.containers[0]?.health).toBe('healthy');
    expect(host?.actions[0]?.status).toBe('queued');
    expect(host?.ingestGaps[0]?.dropped).toBe(5);
    expect(result.containerGroups[0]?.members[0]?.containerName).toBe('web');
    expect(result.auditLogs[0]?.id).toBeTypeOf('bigint');
    expect(result.alertRules[0]?.alerts[0]?.state).toBe('firing');
    expect(result.alertRules[0]?.alerts[0]?.events[0]?.id).toBeTypeOf('bigint');
    expect(result.alertMuteWindows[0]?.weekdays).toEqual([1, 2, 3]);
    expect(result.alertSilences[0]?.matchers).toEqual([{ label: 'host', op: '=', value: 'web-1' }]);
    expect(
      [result.invites, result.apiTokens, result.notificationChannels].map((list) => list.length),
    ).toEqual([1, 1, 1]);
  });
});

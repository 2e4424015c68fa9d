import type { ExecSessionGrant, ExecSessionRequest } from '@berth/api-contract';
import { keys } from '@berth/bus';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { visibleHostFilter } from '../identity/visible-host-filter.js';
import { inOrg } from '../in-org.js';
import { checkExecPermission, execLimits, execRefusalOf, execServerSettings } from './exec-rules.js';
import { EXEC_SESSION_COLUMNS, toExecSessionView } from './exec-session-view.js';
import { readExecSettings } from './exec-settings.js';
import { issueExecTicket } from './exec-ticket.js';

export type GrantExecInput = { hostId: string; containerId: string } & ExecSessionRequest;

/**
 * Checks everything before a terminal opens — the caller's role and the org's switch, the host's
 * agent opt-in, the container running — then records the session (pending) and its audit row in
 * one transaction and answers a one-time ticket for the socket. The agent checks its own opt-in
 * again: a host whose agent restarted without `--allow-exec` refuses at the socket.
 */
export async function grantExecSession(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  input: GrantExecInput,
): Promise<ExecSessionGrant> {
  const { hostId, containerId, cmd, cols, rows, user } = input;
  const granted = await inOrg(ctx, principal, async (tx) => {
    const settings = await readExecSettings(tx, principal.orgId, ctx.settings);
    checkExecPermission(principal, settings);
    const host = await tx.host.findFirst({
      where: { AND: [{ id: hostId }, await visibleHostFilter(tx, principal)] },
      select: { revokedAt: true, capabilities: true },
    });
    if (!host) throw new AppError('not_found', 'no such host');
    if (host.revokedAt) throw new AppError('conflict', 'this host was revoked');
    const refusal = execRefusalOf(host.capabilities);
    if (refusal) throw new AppError('conflict', refusal);
    const container = await tx.container.findUnique({
      where: { hostId_shortId: { hostId, shortId: containerId } },
      select: { removedAt: true, state: true, name: true },
    });
    if (!container || container.removedAt) throw new AppError('not_found', 'no such container on this host');
    if (container.state !== 'running') throw new AppError('conflict', 'the container is not running');
    if (!(await ctx.bus.getKey(keys.presence(hostId))))
      throw new AppError('conflict', 'the host is offline: a terminal needs its agent connected');
    const account =
      principal.kind === 'user' ? await tx.user.findUnique({ where: { id: principal.userId } }) : null;
    const created = await tx.execSession.create({
      data: {
        orgId: principal.orgId,
        hostId,
        containerId,
        containerName: container.name,
        userId: principal.kind === 'user' ? principal.userId : '',
        userEmail: account?.email ?? '',
        command: cmd,
        recorded: settings.recordTranscripts,
      },
      select: EXEC_SESSION_COLUMNS,
    });
    await writeAudit(tx, principal, request, {
      action: 'exec.open',
      targetType: 'container',
      targetId: `${hostId}/${containerId}`,
      details: {
        sessionId: created.id,
        command: cmd,
        user: user ?? null,
        recorded: settings.recordTranscripts,
      },
    });
    return { created, limits: execLimits(ctx.settings, settings) };
  });
  const { created: session, limits } = granted;
  const { ticketTtlS } = execServerSettings(ctx.settings);
  const ticket = await issueExecTicket(
    ctx.bus,
    {
      sessionId: session.id,
      orgId: principal.orgId,
      userId: session.userId,
      hostId,
      containerId,
      cmd,
      cols,
      rows,
      ...(user ? { user } : {}),
      record: session.recorded,
      idleTimeoutS: limits.idleTimeoutS,
      maxDurationS: limits.maxDurationS,
      ip: request.clientAddress || null,
      userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
    },
    ticketTtlS,
  );
  return {
    session: toExecSessionView(session),
    socketPath: `/api/v1/exec-sessions/${session.id}/socket`,
    ticket,
    ticketTtlS,
    idleTimeoutS: limits.idleTimeoutS,
    maxDurationS: limits.maxDurationS,
  };
}

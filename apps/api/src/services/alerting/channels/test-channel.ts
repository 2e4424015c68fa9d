import { randomUUID } from 'node:crypto';
import type { ChannelTestResult } from '@berth/api-contract';
import { deliver, testNotification } from '@berth/notify';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { openChannelConfig } from './channel-secrets.js';
import { findChannel } from './find-channel.js';

/** A test send answers within this, whatever the receiver does. */
const TEST_TIMEOUT_MS = 10_000;

/**
 * Sends a test notification now and records the outcome as the channel's last delivery. The
 * send happens outside any transaction: a slow receiver must not hold a database connection.
 */
export async function testChannel(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  channelId: string,
): Promise<ChannelTestResult> {
  const { row, org } = await inOrg(ctx, principal, async (tx) => ({
    row: await findChannel(tx, channelId),
    org: await tx.organization.findUniqueOrThrow({ where: { id: principal.orgId }, select: { name: true } }),
  }));
  const config = openChannelConfig(ctx.secrets, row);
  const started = performance.now();
  const outcome = await deliver(
    config,
    testNotification({
      id: `test-${randomUUID()}`,
      orgName: org.name,
      consoleUrl: new URL('/settings/notifications', ctx.settings.publicUrl).toString(),
    }),
    {
      transport: {
        timeoutMs: TEST_TIMEOUT_MS,
        allowPrivateTargets: ctx.settings.notifyAllowPrivateTargets ?? false,
      },
      smtp: ctx.settings.smtpUrl ? { url: ctx.settings.smtpUrl, from: ctx.settings.mailFrom } : null,
    },
  );
  const result: ChannelTestResult = {
    ok: outcome.ok,
    error: outcome.ok ? null : outcome.error,
    retryable: outcome.ok ? false : outcome.retryable,
    durationMs: Math.round(performance.now() - started),
  };
  await inOrg(ctx, principal, async (tx) => {
    // The channel may have been deleted meanwhile: then there is nothing to record on.
    await tx.notificationChannel.updateMany({
      where: { id: channelId },
      data: { lastDeliveryAt: new Date(), lastDeliveryOk: result.ok, lastDeliveryError: result.error },
    });
    await writeAudit(tx, principal, request, {
      action: 'notification_channel.test',
      targetType: 'notification_channel',
      targetId: channelId,
      details: { name: row.name, ok: result.ok, ...(result.error ? { error: result.error } : {}) },
    });
  });
  return result;
}

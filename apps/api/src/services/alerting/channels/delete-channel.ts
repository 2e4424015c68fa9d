import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { findChannel } from './find-channel.js';

export async function deleteChannel(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  channelId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const row = await findChannel(tx, channelId);
    await tx.notificationChannel.delete({ where: { id: channelId } });
    await writeAudit(tx, principal, request, {
      action: 'notification_channel.delete',
      targetType: 'notification_channel',
      targetId: channelId,
      details: { name: row.name, kind: row.kind, description: row.description },
    });
  });
}

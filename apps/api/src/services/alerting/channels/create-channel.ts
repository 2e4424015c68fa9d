import { randomUUID } from 'node:crypto';
import type { ChannelConfig } from '@berth/api-contract';
import { AppError } from '@berth/http';
import { describeChannel } from '@berth/notify';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { isUniqueViolation } from '../../identity/is-unique-violation.js';
import { inOrg } from '../../in-org.js';
import { sealChannelConfig } from './channel-secrets.js';
import { channelView } from './channel-view.js';

export const channelNameTaken = () =>
  new AppError('conflict', 'a channel with this name exists', {
    issues: [{ field: 'name', message: 'already taken' }],
  });

/**
 * A channel, its secret fields sealed to the new row (the id is chosen first: it is part of
 * what the ciphertext is bound to). The answer is the only one that carries the secrets; the
 * audit records the kind and where it points, never a secret.
 */
export async function createChannel(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  input: { name: string; enabled: boolean; config: ChannelConfig },
) {
  const id = randomUUID();
  const { visible, sealed, secretFields } = sealChannelConfig(
    ctx.secrets,
    { id, orgId: principal.orgId },
    input.config,
  );
  const description = describeChannel(input.config);
  try {
    return await inOrg(ctx, principal, async (tx) => {
      const row = await tx.notificationChannel.create({
        data: {
          id,
          orgId: principal.orgId,
          name: input.name,
          kind: input.config.kind,
          config: visible as object,
          secrets: sealed,
          secretFields,
          description,
          enabled: input.enabled,
          createdBy: actingUserId(principal),
        },
      });
      await writeAudit(tx, principal, request, {
        action: 'notification_channel.create',
        targetType: 'notification_channel',
        targetId: id,
        details: { name: input.name, kind: input.config.kind, description, enabled: input.enabled },
      });
      const secrets = Object.fromEntries(
        Object.entries(input.config).filter(([key]) => secretFields.includes(key)),
      );
      return { ...channelView(row), secrets };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw channelNameTaken();
    throw error;
  }
}

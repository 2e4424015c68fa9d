import { type NotificationChannel, ZChannelConfigSchema } from '@berth/api-contract';
import { AppError, parseInput } from '@berth/http';
import { describeChannel } from '@berth/notify';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { isUniqueViolation } from '../../identity/is-unique-violation.js';
import { inOrg } from '../../in-org.js';
import { openChannelSecrets, sealChannelConfig } from './channel-secrets.js';
import { channelView } from './channel-view.js';
import { channelNameTaken } from './create-channel.js';
import { findChannel } from './find-channel.js';

/** Errors of the merged config name `config.<field>`, as the request's own would. */
const ZMergedSchema = z.object({ config: ZChannelConfigSchema });

/**
 * Renames, enables or disables, and changes fields: given config fields replace the stored
 * ones, secret fields left out keep their values. The audit names the fields that changed,
 * never a secret's value.
 */
export async function updateChannel(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  channelId: string,
  input: {
    name?: string | undefined;
    enabled?: boolean | undefined;
    config?: Record<string, unknown> | undefined;
  },
): Promise<NotificationChannel> {
  try {
    return await inOrg(ctx, principal, async (tx) => {
      const row = await findChannel(tx, channelId);
      let configChange = {};
      if (input.config) {
        if ('kind' in input.config && input.config.kind !== row.kind)
          throw new AppError('bad_request', 'invalid body: config.kind: a channel keeps its kind', {
            issues: [{ field: 'config.kind', message: 'a channel keeps its kind' }],
          });
        const merged = {
          ...(row.config as Record<string, unknown>),
          ...openChannelSecrets(ctx.secrets, row),
          ...input.config,
          kind: row.kind,
        };
        const { config } = parseInput(ZMergedSchema, { config: merged });
        const { visible, sealed, secretFields } = sealChannelConfig(ctx.secrets, row, config);
        configChange = {
          config: visible as object,
          secrets: sealed,
          secretFields,
          description: describeChannel(config),
        };
      }
      const updated = await tx.notificationChannel.update({
        where: { id: channelId },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          ...configChange,
          updatedAt: new Date(),
        },
      });
      await writeAudit(tx, principal, request, {
        action: 'notification_channel.update',
        targetType: 'notification_channel',
        targetId: channelId,
        details: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          ...(input.config
            ? { fields: Object.keys(input.config).sort(), description: updated.description }
            : {}),
        },
      });
      return channelView(updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw channelNameTaken();
    throw error;
  }
}

import type { NotificationChannel } from '@berth/api-contract';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../../pagination.js';
import { channelView } from './channel-view.js';
import { findChannel } from './find-channel.js';

/** The organisation's channels, oldest first, secrets left sealed. */
export async function listChannels(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<NotificationChannel>> {
  const paging = pageByCreation(query, 'asc');
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.notificationChannel.findMany({ where: paging.where, orderBy: paging.orderBy, take: paging.take }),
  );
  return paging.page(rows, channelView);
}

export async function getChannel(
  ctx: ApiContext,
  principal: Principal,
  channelId: string,
): Promise<NotificationChannel> {
  return channelView(await inOrg(ctx, principal, (tx) => findChannel(tx, channelId)));
}

import type { MuteWindow } from '@berth/api-contract';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../../pagination.js';
import { findMuteWindow, muteWindowView } from './mute-window-view.js';

/** The organisation's mute windows, oldest first, each saying whether it mutes now. */
export async function listMuteWindows(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<MuteWindow>> {
  const paging = pageByCreation(query, 'asc');
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.alertMuteWindow.findMany({ where: paging.where, orderBy: paging.orderBy, take: paging.take }),
  );
  const now = new Date();
  return paging.page(rows, (row) => muteWindowView(row, now));
}

export async function getMuteWindow(
  ctx: ApiContext,
  principal: Principal,
  windowId: string,
): Promise<MuteWindow> {
  return muteWindowView(await inOrg(ctx, principal, (tx) => findMuteWindow(tx, windowId)));
}

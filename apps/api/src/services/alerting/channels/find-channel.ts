import type { NotificationChannelModel, Tx } from '@berth/db';
import { AppError } from '@berth/http';

/** The caller's organisation only (RLS): another org's id is as unknown as a made-up one. */
export async function findChannel(tx: Tx, channelId: string): Promise<NotificationChannelModel> {
  const row = await tx.notificationChannel.findUnique({ where: { id: channelId } });
  if (!row) throw new AppError('not_found', 'no such notification channel');
  return row;
}

import type { NotificationChannel } from '@berth/api-contract';
import type { NotificationChannelModel } from '@berth/db';

export function channelView(row: NotificationChannelModel): NotificationChannel {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as NotificationChannel['kind'],
    description: row.description,
    config: (row.config ?? {}) as Record<string, unknown>,
    storedSecrets: row.secretFields,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastDelivery:
      row.lastDeliveryAt && row.lastDeliveryOk !== null
        ? { at: row.lastDeliveryAt.toISOString(), ok: row.lastDeliveryOk, error: row.lastDeliveryError }
        : null,
  };
}

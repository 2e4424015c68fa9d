import { CHANNEL_KINDS } from '@berth/api-contract';
import {
  deleteChannelAction,
  testChannelAction,
  toggleChannelAction,
} from '@/app/(console)/settings/notifications/channel-row-actions';
import { DataTable } from '@/components/ui/data-table';
import table from '@/components/ui/data-table.module.css';
import { ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { NotificationChannel } from '@/lib/api/notification-channels';
import { ActionButton } from './action-button';

/** Where each channel points and how its last delivery went; admins test, pause and delete. */
export function ChannelsTable({
  channels,
  canManage,
}: {
  channels: NotificationChannel[];
  canManage: boolean;
}) {
  return (
    <DataTable
      caption="Notification channels"
      columns={['Channel', 'Kind', 'State', 'Last delivery']}
      hiddenColumn="Actions"
    >
      {channels.map((channel) => (
        <tr key={channel.id}>
          <td>
            <span className={table.primary}>{channel.name}</span>
            <span className={table.secondary}>{channel.description}</span>
          </td>
          <td>{CHANNEL_KINDS[channel.kind].label}</td>
          <td>
            <ToneBadge tone={channel.enabled ? 'ok' : 'neutral'}>
              {channel.enabled ? 'enabled' : 'paused'}
            </ToneBadge>
          </td>
          <td>
            {channel.lastDelivery ? (
              <>
                <ToneBadge tone={channel.lastDelivery.ok ? 'ok' : 'danger'}>
                  {channel.lastDelivery.ok ? 'delivered' : 'failed'}
                </ToneBadge>{' '}
                <Time value={channel.lastDelivery.at} format="relative" />
                {channel.lastDelivery.error ? (
                  <span className={table.secondary}>{channel.lastDelivery.error}</span>
                ) : null}
              </>
            ) : (
              'Never'
            )}
          </td>
          <td className={table.actions}>
            {canManage ? (
              <>
                <ActionButton
                  action={testChannelAction}
                  fields={{ channelId: channel.id }}
                  label="Send test"
                  ariaLabel={`Send a test to ${channel.name}`}
                />
                <ActionButton
                  action={toggleChannelAction}
                  fields={{ channelId: channel.id, enabled: String(!channel.enabled) }}
                  label={channel.enabled ? 'Pause' : 'Enable'}
                  ariaLabel={`${channel.enabled ? 'Pause' : 'Enable'} ${channel.name}`}
                />
                <ActionButton
                  action={deleteChannelAction}
                  fields={{ channelId: channel.id }}
                  label="Delete"
                  ariaLabel={`Delete channel ${channel.name}`}
                  variant="danger"
                  confirm={{
                    title: `Delete the channel “${channel.name}”?`,
                    body: <p>Alerts stop going there, and its stored secrets are deleted with it.</p>,
                  }}
                />
              </>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

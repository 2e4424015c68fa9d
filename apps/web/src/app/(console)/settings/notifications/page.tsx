import { BellRing } from 'lucide-react';
import type { Metadata } from 'next';
import { ChannelsTable } from '@/components/settings/channels-table';
import { CreateChannelForm } from '@/components/settings/create-channel-form';
import { hasRole } from '@/components/settings/role-gate';
import styles from '@/components/settings/settings.module.css';
import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/page-header';
import { listChannels } from '@/lib/api/notification-channels';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const api = await getServerApi();
  const [me, channels] = await Promise.all([loadMe(), listChannels(api)]);
  const canManage = hasRole(me.org?.role, 'admin');
  return (
    <div className={styles.stack}>
      <p className={styles.muted}>
        Channels are where alerts go: e-mail, chat (Slack, Teams, Discord, Mattermost, Google Chat, Matrix,
        Telegram), push (ntfy, Gotify, Pushover), incident tools (PagerDuty, Opsgenie) or your own webhook.
        Their URLs and tokens are stored encrypted and never shown again after you add them.
      </p>
      {canManage ? (
        <Panel title="Add a channel">
          <CreateChannelForm />
        </Panel>
      ) : null}
      <section aria-labelledby="channels-title">
        <div className={styles.sectionHead}>
          <h2 id="channels-title" className={styles.sectionTitle}>
            Channels
          </h2>
        </div>
        {channels.items.length === 0 ? (
          <EmptyState icon={<BellRing size={20} />} title="No channels yet">
            <p>
              {canManage
                ? 'Add one above, then send it a test: a channel that answers now will carry the alerts that matter later.'
                : 'An admin adds channels; ask one to set up where alerts should reach you.'}
            </p>
          </EmptyState>
        ) : (
          <ChannelsTable channels={channels.items} canManage={canManage} />
        )}
      </section>
    </div>
  );
}

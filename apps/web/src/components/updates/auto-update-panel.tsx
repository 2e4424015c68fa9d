import type { AutoUpdateRollout, AutoUpdatesView, ImageUpdate, UpdatePolicyRule } from '@berth/api-contract';
import { hasRole } from '@/components/settings/role-gate';
import { Alert } from '@/components/ui/alert';
import { DataTable } from '@/components/ui/data-table';
import { FactList } from '@/components/ui/fact-list';
import { Panel } from '@/components/ui/page-header';
import { type Tone, ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { getAutoUpdates, listUpdatePolicies } from '@/lib/api/auto-updates';
import type { Role } from '@/lib/api/identity';
import { getServerApi } from '@/lib/api/server-api';
import { AutoUpdateSettingsForm, DefaultPolicyForm } from './auto-update-settings-form';
import { describeWindow, rolloutProgress, shortDigest, windowState } from './describe-auto-window';

const ROLLOUT_TONE: Record<AutoUpdateRollout['status'], Tone> = {
  running: 'info',
  succeeded: 'ok',
  failed: 'danger',
};

/**
 * The Updates page's automatic updates (docs/image-updates.md "Automatic updates"): whether they
 * are on, the window in words, the health wait, how many containers are `auto`, the recent
 * rollouts; admins edit the settings and the default policy, everyone else reads.
 */
export async function AutoUpdatePanel({
  role,
  images,
}: {
  role: Role | null | undefined;
  images: readonly ImageUpdate[];
}) {
  const api = await getServerApi();
  let view: AutoUpdatesView;
  let rules: UpdatePolicyRule[];
  try {
    [view, rules] = await Promise.all([getAutoUpdates(api), listUpdatePolicies(api)]);
  } catch {
    return (
      <Panel title="Automatic updates">
        <Alert tone="error">The automatic update settings could not be read.</Alert>
      </Panel>
    );
  }
  const admin = hasRole(role, 'admin');
  const { settings } = view;
  const orgDefault = rules.find((rule) => rule.scope === 'default')?.policy ?? null;
  const autoRules = rules.filter((rule) => rule.policy === 'auto').length;
  const status = settings?.enabled ? (
    <ToneBadge tone={view.windowOpen ? 'ok' : 'info'}>on</ToneBadge>
  ) : (
    <ToneBadge tone="neutral">off</ToneBadge>
  );
  const autoContainers = images.reduce(
    (n, row) => n + row.containers.filter((c) => c.policy === 'auto').length,
    0,
  );
  return (
    <Panel title="Automatic updates">
      <FactList
        facts={[
          ['Status', status],
          [
            'Window',
            settings
              ? settings.enabled
                ? `${describeWindow(settings)}, ${windowState(settings, new Date())}`
                : describeWindow(settings)
              : 'not set',
          ],
          ['Health timeout', settings ? `${settings.healthTimeoutS} s per container` : '—'],
          [
            'Containers with policy auto',
            `${autoContainers} (${autoRules} ${autoRules === 1 ? 'rule' : 'rules'} set auto; default ${orgDefault ?? 'allow'})`,
          ],
        ]}
      />
      <p>
        Only containers whose update policy is <code>auto</code> (a rule or the label{' '}
        <code>berth.update_policy=auto</code>) are updated automatically, one host at a time per image; the
        first failure stops that image's rollout.
      </p>
      {admin ? (
        <>
          <AutoUpdateSettingsForm settings={settings} />
          <DefaultPolicyForm policy={orgDefault} />
        </>
      ) : (
        <p>An admin changes these settings.</p>
      )}
      <RolloutTable rollouts={view.rollouts} />
    </Panel>
  );
}

function RolloutTable({ rollouts }: { rollouts: readonly AutoUpdateRollout[] }) {
  if (rollouts.length === 0) return <p>No automatic rollouts yet.</p>;
  return (
    <DataTable
      caption="Automatic update rollouts"
      align="top"
      columns={['Image', 'Digest', 'Status', 'Containers', 'Started', 'Finished']}
    >
      {rollouts.map((rollout) => {
        const { done, total } = rolloutProgress(rollout);
        return (
          <tr key={rollout.id}>
            <td>
              <strong>{rollout.image}</strong>
              <br />
              <small>{rollout.platform}</small>
            </td>
            <td>
              <code title={rollout.remoteDigest}>{shortDigest(rollout.remoteDigest)}</code>
            </td>
            <td>
              <ToneBadge tone={ROLLOUT_TONE[rollout.status]}>{rollout.status}</ToneBadge>
              {rollout.failure ? (
                <>
                  <br />
                  <small>
                    {rollout.failedContainer ? `${rollout.failedContainer}: ` : ''}
                    {rollout.failure}
                  </small>
                </>
              ) : null}
            </td>
            <td>
              {done}/{total}
            </td>
            <td>
              <Time value={rollout.createdAt} format="relative" />
            </td>
            <td>{rollout.finishedAt ? <Time value={rollout.finishedAt} format="relative" /> : '—'}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}

import { SILENCE_STATES } from '@berth/api-contract';
import { BellOff } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/alerts/alerts.module.css';
import { formatMatcher } from '@/components/alerts/matcher-text';
import { ActionButton } from '@/components/settings/action-button';
import { hasRole } from '@/components/settings/role-gate';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { type Tone, ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { listSilences } from '@/lib/api/alert-silences';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../load-me';
import { expireSilenceAction } from './silence-actions';

export const metadata: Metadata = { title: 'Silences' };

const STATE_TONE: Record<string, Tone> = { active: 'ok', pending: 'warn', expired: 'neutral' };

export default async function SilencesPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const { state } = await searchParams;
  const wanted = (SILENCE_STATES as readonly string[]).includes(state ?? '') ? [String(state)] : [];
  const [me, silences] = await Promise.all([loadMe(), listSilences(await getServerApi(), wanted)]);
  const canAct = hasRole(me.org?.role, 'operator');
  return (
    <div className={styles.page}>
      <nav className={styles.filters} aria-label="Silence state">
        <Link
          href="/alerts/silences"
          className={styles.chip}
          aria-current={wanted.length ? undefined : 'true'}
        >
          All
        </Link>
        {SILENCE_STATES.map((value) => (
          <Link
            key={value}
            href={`/alerts/silences?state=${value}`}
            className={styles.chip}
            aria-current={wanted[0] === value ? 'true' : undefined}
          >
            {value}
          </Link>
        ))}
        {canAct ? (
          <Link href="/alerts/silences/new" className={styles.chip}>
            New silence
          </Link>
        ) : null}
      </nav>
      {silences.items.length === 0 ? (
        <EmptyState icon={<BellOff size={20} />} title="No silences">
          <p>Silence an alert from its row (one click), or give matchers for a planned change.</p>
        </EmptyState>
      ) : (
        <DataTable
          caption="Silences"
          columns={['State', 'Matchers', 'From', 'Until', 'Comment', 'Holding']}
          hiddenColumn={canAct ? 'Actions' : undefined}
          align="top"
        >
          {silences.items.map((silence) => (
            <tr key={silence.id}>
              <td>
                <ToneBadge tone={STATE_TONE[silence.state] ?? 'neutral'}>{silence.state}</ToneBadge>
              </td>
              <td>
                <span className={styles.code}>{silence.matchers.map(formatMatcher).join(', ')}</span>
              </td>
              <td>
                <Time value={silence.startsAt} />
              </td>
              <td>
                <Time value={silence.endsAt} />
              </td>
              <td>
                {silence.comment}
                {silence.createdBy ? <div className={styles.muted}>by {silence.createdBy}</div> : null}
              </td>
              <td>{silence.state === 'active' ? `${silence.matching} open` : '—'}</td>
              {canAct ? (
                <td>
                  {silence.state === 'expired' ? null : (
                    <ActionButton
                      action={expireSilenceAction}
                      fields={{ silenceId: silence.id }}
                      label="Expire"
                      ariaLabel={`Expire silence ${silence.matchers.map(formatMatcher).join(', ')}`}
                    />
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

import type { Matcher } from '@berth/api-contract';
import type { Metadata } from 'next';
import { SilenceForm } from '@/components/alerts/silence-form';
import { hasRole } from '@/components/settings/role-gate';
import { Alert } from '@/components/ui/alert';
import { Panel } from '@/components/ui/page-header';
import { getAlert } from '@/lib/api/alerts';
import { ApiError } from '@/lib/api/api-error';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../../../load-me';

export const metadata: Metadata = { title: 'New silence' };

/** The labels the API turns into matchers for a silence from an alert (shown before saving). */
const FROM_ALERT_LABELS = ['rule', 'host', 'container', 'mount', 'check'];

export default async function NewSilencePage({
  searchParams,
}: {
  searchParams: Promise<{ fromAlertId?: string }>;
}) {
  const { fromAlertId } = await searchParams;
  const me = await loadMe();
  if (!hasRole(me.org?.role, 'operator'))
    return <Alert tone="info">Operators, admins and owners create silences; ask one of them.</Alert>;
  let fromAlert: { id: string; summary: string; matchers: Matcher[] } | undefined;
  if (fromAlertId) {
    const alert = await getAlert(await getServerApi(), fromAlertId).catch((error: unknown) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    });
    if (!alert) return <Alert tone="error">That alert does not exist (any more).</Alert>;
    fromAlert = {
      id: alert.id,
      summary: alert.summary,
      matchers: FROM_ALERT_LABELS.flatMap((label) =>
        alert.labels[label] !== undefined ? [{ label, op: '=' as const, value: alert.labels[label] }] : [],
      ),
    };
  }
  return (
    <Panel title={fromAlert ? 'Silence this alert' : 'New silence'}>
      <SilenceForm {...(fromAlert ? { fromAlert } : {})} />
    </Panel>
  );
}

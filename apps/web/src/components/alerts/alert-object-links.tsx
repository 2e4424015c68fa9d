import Link from 'next/link';
import type { Alert } from '@/lib/api/alerts';

/** The host and container an alert is about, as links to their pages. */
export function AlertObjectLinks({ alert }: { alert: Alert }) {
  if (!alert.host) return <span>—</span>;
  const hostHref = `/hosts/${encodeURIComponent(alert.host.id)}`;
  return (
    <span>
      <Link href={hostHref} prefetch={false}>
        {alert.host.name}
      </Link>
      {alert.containerName ? (
        <>
          {' / '}
          {alert.containerId ? (
            <Link href={`${hostHref}/containers/${encodeURIComponent(alert.containerId)}`} prefetch={false}>
              {alert.containerName}
            </Link>
          ) : (
            alert.containerName
          )}
        </>
      ) : null}
    </span>
  );
}

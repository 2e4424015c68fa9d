'use client';

import { OpenAlertsBadge, openAlertsHref } from './open-alerts-badge';
import { useAlertCountsByHost } from './use-alert-counts-by-host';

/** The host page's header badge: all open alerts of the host, live. */
export function HostAlertsBadge({ hostId, hostName }: { hostId: string; hostName: string }) {
  const tally = useAlertCountsByHost(hostId)[hostId];
  return tally ? (
    <OpenAlertsBadge tally={tally} href={openAlertsHref(tally, { hostId })} subject={hostName} />
  ) : null;
}

/** The container page's header badge: open alerts of this host whose container name is this one. */
export function ContainerAlertsBadge({
  hostId,
  hostName,
  containerName,
}: {
  hostId: string;
  hostName: string;
  containerName: string;
}) {
  const tally = useAlertCountsByHost(hostId)[hostId]?.containers[containerName];
  return tally ? (
    <OpenAlertsBadge
      tally={tally}
      href={openAlertsHref(tally, { hostId, containerName })}
      subject={`${containerName} on ${hostName}`}
    />
  ) : null;
}

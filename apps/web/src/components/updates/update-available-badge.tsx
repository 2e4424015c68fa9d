import Link from 'next/link';
import { ToneBadge } from '@/components/ui/status-badge';
import type { ContainerUpdateBadge } from '@/lib/fleet/image-update-rows';

/** "Update available": links to the Updates page, where the reference's check and containers are. */
export function UpdateAvailableBadge({ badge }: { badge: ContainerUpdateBadge }) {
  return (
    <Link href="/updates" prefetch={false} title={`${badge.image} has a newer image`}>
      <ToneBadge tone="info">{badge.label}</ToneBadge>
    </Link>
  );
}

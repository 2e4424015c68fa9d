import { Lock } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state';
import type { Role } from '@/lib/api/identity';
import { adminOnlyReason } from './role-gate';

/** What a lesser role sees instead of an admin section: why, and who can help. */
export function AdminOnly({ what, role }: { what: string; role: Role | null }) {
  return (
    <EmptyState icon={<Lock size={20} />} title="Admins only">
      <p>{adminOnlyReason(what, role)}</p>
    </EmptyState>
  );
}

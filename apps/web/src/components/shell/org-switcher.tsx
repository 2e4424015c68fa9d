'use client';

import { Check, ChevronsUpDown } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { switchOrganisationAction } from '@/app/(console)/switch-organisation-action';
import { Menu, menuStyles } from '@/components/ui/menu';
import type { Membership } from '@/lib/api/identity';
import styles from './shell.module.css';

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : name.slice(0, 2)).toUpperCase();
}

export function OrgSwitcher({
  memberships,
  currentOrgId,
}: {
  memberships: Membership[];
  currentOrgId: string | null;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const current = memberships.find((membership) => membership.orgId === currentOrgId);

  function choose(orgId: string) {
    if (orgId === currentOrgId) return;
    startTransition(async () => {
      const result = await switchOrganisationAction(orgId);
      if (result.ok) router.refresh();
    });
  }

  return (
    <Menu
      label="Organisations"
      trigger={(props) => (
        <button type="button" className={styles.switcher} aria-busy={pending} {...props}>
          <span className={styles.orgAvatar} aria-hidden>
            {current ? initials(current.orgName) : '—'}
          </span>
          <span className={styles.switcherText}>
            <span className={styles.switcherName}>{current?.orgName ?? 'No organisation'}</span>
            <span className={styles.switcherMeta}>
              {pending ? 'Switching…' : (current?.role ?? 'Join or create one')}
            </span>
          </span>
          <ChevronsUpDown size={15} aria-hidden />
          <span className="visually-hidden">Switch organisation</span>
        </button>
      )}
    >
      <div className={menuStyles.heading}>Organisations</div>
      {memberships.length === 0 ? (
        <div className={menuStyles.heading}>You are not a member of any yet.</div>
      ) : null}
      {memberships.map((membership) => (
        <button
          key={membership.orgId}
          type="button"
          role="menuitemradio"
          aria-checked={membership.orgId === currentOrgId}
          className={menuStyles.item}
          onClick={() => choose(membership.orgId)}
        >
          <span className={styles.orgAvatar} aria-hidden>
            {initials(membership.orgName)}
          </span>
          <span className={styles.switcherText}>
            <span className={styles.switcherName}>{membership.orgName}</span>
            <span className={styles.switcherMeta}>{membership.role}</span>
          </span>
          {membership.orgId === currentOrgId ? <Check size={15} aria-hidden /> : null}
        </button>
      ))}
    </Menu>
  );
}

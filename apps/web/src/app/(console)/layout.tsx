import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { auth } from '@/auth';
import { AppShell } from '@/components/shell/app-shell';
import { loadMe } from './load-me';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  if (!session?.user?.id) redirect('/sign-in');
  const me = await loadMe();
  return (
    <AppShell
      user={{ name: session.user.name ?? null, email: session.user.email ?? null }}
      memberships={me.memberships}
      currentOrgId={me.org?.id ?? null}
    >
      {children}
    </AppShell>
  );
}

'use client';

import { TerminalSquare } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CodeBlock } from '@/components/ui/code-block';
import { EmptyState } from '@/components/ui/empty-state';
import { Time } from '@/components/ui/time';
import { browserApi } from '@/lib/api/browser-api';
import { type CreatedEnrolmentToken as CreatedEnrolment, createEnrolment } from '@/lib/api/enrolment-tokens';
import { useLiveEvents } from '@/lib/api/live-stream';

/**
 * The empty fleet teaches the one step that fills it: run the install command on a host.
 * The command carries a fresh enrolment token, so it is created on request, not on view.
 */
export function InstallAgent({ canEnrol }: { canEnrol: boolean }) {
  const [enrolment, setEnrolment] = useState<CreatedEnrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const router = useRouter();
  // The first host's arrival re-renders the page with it, wherever its command came from
  // (this page, Settings, or another admin).
  useLiveEvents((event) => {
    if (event.type === 'host.status' || event.type === 'reset') router.refresh();
  });

  async function generate() {
    setPending(true);
    setError(null);
    try {
      setEnrolment(await createEnrolment(browserApi));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The install command could not be created.');
    } finally {
      setPending(false);
    }
  }

  return (
    <EmptyState icon={<TerminalSquare size={20} />} title="Connect your first host">
      <p>
        Berth watches a host through a small agent that talks to the local Docker engine and opens one
        outbound connection to Berth, so no port has to be opened on the host. Run one command on it as root;
        the host appears here within seconds.
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {enrolment ? (
        <>
          <CodeBlock code={enrolment.installCommand} label="Install command" />
          <p>
            The command works until <Time value={enrolment.token.expiresAt} /> and can enrol several hosts
            until then. This page updates by itself when the first one connects.
          </p>
        </>
      ) : canEnrol ? (
        <div>
          <Button variant="primary" onClick={generate} disabled={pending}>
            {pending ? 'Creating…' : 'Show install command'}
          </Button>
        </div>
      ) : (
        <p>Only organisation admins and owners can enrol hosts. Ask one of them for the install command.</p>
      )}
    </EmptyState>
  );
}

'use client';

import { ZLiveLogLinesSchema } from '@berth/api-contract';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { browserApi } from '@/lib/api/browser-api';
import { containerLogsFollowUrl, listContainerLogs } from '@/lib/api/container-logs';
import type { ContainerRef } from '@/lib/api/containers';
import { appendEntries, liveToEntries, storedToEntries } from '@/lib/fleet/log-entries';
import type { LogEntry } from './log-entry';
import styles from './logs.module.css';
import { LogsViewer } from './logs-viewer';

type FollowState = 'off' | 'connecting' | 'live' | 'ended' | 'unavailable';

const FOLLOW_TEXT: Record<FollowState, string> = {
  off: 'Live follow is off.',
  connecting: 'Connecting to the agent…',
  live: 'Following live.',
  ended: 'The live stream ended (the container stopped or the agent disconnected).',
  unavailable: 'Live lines are unavailable: the host is offline or its agent does not stream logs.',
};

/**
 * A container's logs: the last 24 hours from storage, then live lines straight from the
 * agent (SSE `…/logs?follow=1`) while "Follow live" is on.
 */
export function ContainerLogs({
  container,
  canFollow,
}: {
  container: ContainerRef & { name: string };
  canFollow: boolean;
}) {
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [follow, setFollow] = useState(canFollow);
  const [state, setState] = useState<FollowState>('off');
  const seq = useRef(0);
  const { hostId, containerId } = container;

  useEffect(() => {
    const controller = new AbortController();
    listContainerLogs(browserApi, { hostId, containerId }, controller.signal)
      .then((page) => setEntries((live) => storedToEntries(page.items).concat(live ?? [])))
      .catch((cause: unknown) => {
        if (controller.signal.aborted) return;
        setError(cause instanceof Error ? cause.message : 'The logs could not load.');
        setEntries((live) => live ?? []);
      });
    return () => controller.abort();
  }, [hostId, containerId]);

  useEffect(() => {
    if (!follow) {
      // Keep saying why following stopped by itself; a click on the button resets it to "off".
      setState((now) => (now === 'unavailable' || now === 'ended' ? now : 'off'));
      return;
    }
    setState('connecting');
    const source = new EventSource(containerLogsFollowUrl({ hostId, containerId }));
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('lines', (message: MessageEvent<string>) => {
      const parsed = ZLiveLogLinesSchema.safeParse(parseJson(message.data));
      if (!parsed.success) return;
      seq.current += 1;
      const added = liveToEntries(parsed.data.lines, seq.current);
      setEntries((current) => appendEntries(current ?? [], added));
    });
    source.addEventListener('end', () => {
      source.close();
      setState('ended');
      setFollow(false);
    });
    source.addEventListener('error', () => {
      // EventSource retries a dropped stream by itself; an answer that is not a stream closes it.
      if (source.readyState !== EventSource.CLOSED) return;
      setState((now) => (now === 'ended' ? now : 'unavailable'));
      setFollow(false);
    });
    return () => source.close();
  }, [follow, hostId, containerId]);

  return (
    <section aria-label={`Logs of ${container.name}`} className={styles.panel}>
      <div className={styles.panelBar}>
        <Button
          size="small"
          aria-pressed={follow}
          onClick={() => {
            setState('off');
            setFollow((value) => !value);
          }}
        >
          {follow ? 'Stop following' : 'Follow live'}
        </Button>
        <span className={styles.followState} role="status">
          {FOLLOW_TEXT[state]}
        </span>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {entries ? (
        <LogsViewer
          entries={entries}
          label={`Log lines of ${container.name}`}
          fileName={container.name}
          height={460}
        />
      ) : (
        <div className={styles.loading} aria-busy="true">
          Loading logs…
        </div>
      )}
    </section>
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

import type { ExecSession } from '@berth/api-contract';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { describeEndReason, execSessionDurationMs, formatCommand } from '../exec/describe-exec-session';
import { ExecSessionsTable } from './exec-sessions-table';

const HOST = '5d7c1f6e-8a1b-4c2d-9e3f-0a1b2c3d4e5f';
const session = (over: Partial<ExecSession>): ExecSession => ({
  id: '0f6a3c2e-1b2d-4e5f-8a9b-0c1d2e3f4a5b',
  hostId: HOST,
  containerId: '0123456789ab',
  containerName: 'web',
  userId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  userEmail: 'olivia@example.test',
  command: ['/bin/sh', '-c', "echo 'hi' there"],
  status: 'ended',
  createdAt: '2026-12-07T10:00:00.000Z',
  startedAt: '2026-12-07T10:00:01.000Z',
  endedAt: '2026-12-07T10:05:13.000Z',
  endReason: 'the process exited',
  exitCode: 0,
  bytesIn: 2048,
  bytesOut: 3 * 1024 * 1024,
  recorded: true,
  transcriptTruncated: false,
  ...over,
});

describe('the exec session log', () => {
  it('shows who, where, what, when, how long, how much and why, with the transcript link', () => {
    document.body.innerHTML = renderToStaticMarkup(
      <ExecSessionsTable
        sessions={[
          session({}),
          session({
            id: '1f6a3c2e-1b2d-4e5f-8a9b-0c1d2e3f4a5b',
            endReason: 'api_restart',
            exitCode: null,
            transcriptTruncated: true,
          }),
          session({
            id: '2f6a3c2e-1b2d-4e5f-8a9b-0c1d2e3f4a5b',
            status: 'ended',
            startedAt: null,
            endReason: 'ticket_expired',
            exitCode: null,
            recorded: false,
          }),
        ]}
        hostNames={{ [HOST]: 'edge-1' }}
        now={Date.parse('2026-12-07T11:00:00Z')}
      />,
    );
    const rows = [...document.querySelectorAll('[data-testid="exec-session-row"]')];
    expect(rows).toHaveLength(3);
    const first = rows[0]?.textContent ?? '';
    expect(first).toContain('olivia@example.test');
    expect(first).toContain('edge-1');
    expect(first).toContain(`/bin/sh -c 'echo '\\''hi'\\'' there'`);
    expect(first).toContain('5 min 12 s');
    expect(first).toContain('2 KiB / 3 MiB');
    expect(first).toContain('The process exited. Exit code 0.');
    const links = [...document.querySelectorAll('a[download]')].map((a) => [
      a.getAttribute('href'),
      a.textContent,
    ]);
    expect(links).toEqual([
      ['/api/v1/exec-sessions/0f6a3c2e-1b2d-4e5f-8a9b-0c1d2e3f4a5b/transcript', 'Transcript'],
      ['/api/v1/exec-sessions/1f6a3c2e-1b2d-4e5f-8a9b-0c1d2e3f4a5b/transcript', 'Transcript (truncated)'],
    ]);
    expect(rows[1]?.textContent).toContain('The API relaying the terminal stopped');
    expect(rows[2]?.textContent).toContain('The terminal never connected (its ticket expired).');
  });

  it('describes open and pending sessions and measures a running one to now', () => {
    expect(describeEndReason({ status: 'pending', endReason: null })).toBe(
      'Waiting for the terminal to connect',
    );
    expect(describeEndReason({ status: 'open', endReason: null })).toBe('Open');
    expect(
      execSessionDurationMs(
        { startedAt: '2026-12-07T10:00:00Z', endedAt: null },
        Date.parse('2026-12-07T10:01:00Z'),
      ),
    ).toBe(60_000);
    expect(execSessionDurationMs({ startedAt: null, endedAt: null }, 0)).toBeNull();
    expect(formatCommand(['ls', '-la', '/tmp'])).toBe('ls -la /tmp');
  });
});

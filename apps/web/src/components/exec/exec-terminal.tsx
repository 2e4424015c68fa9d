'use client';

import '@xterm/xterm/css/xterm.css';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/api/api-error';
import { browserApi } from '@/lib/api/browser-api';
import type { ContainerRef } from '@/lib/api/containers';
import { openExecSession } from '@/lib/api/exec-sessions';
import { parseCommand } from '@/lib/fleet/exec-availability';
import styles from './exec.module.css';
import { connectExecSocket } from './use-exec-socket';

type ExecTerminalProps = {
  container: ContainerRef;
  /** Why the Terminal button is off (role, agent opt-in, read-only, state), or null. */
  blocked: string | null;
  /** Where the browser opens the terminal socket (EXEC_SOCKET_URL); empty: this origin. */
  socketBase: string;
};

type Phase =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'ended'; message: string };

/** The Terminal button, the command field, and xterm.js wired to the exec socket. */
export function ExecTerminal({ container, blocked, socketBase }: ExecTerminalProps) {
  const [command, setCommand] = useState('/bin/sh');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [session, setSession] = useState(0);
  const screen = useRef<HTMLDivElement>(null);
  const commandId = useId();
  const reasonId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a session starts only from the button (the command is read then)
  useEffect(() => {
    if (session === 0 || !screen.current) return;
    const element = screen.current;
    let disposed = false;
    let cleanup = () => {};
    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([
        import('@xterm/xterm'),
        import('@xterm/addon-fit'),
      ]);
      if (disposed) return;
      const terminal = new Terminal({ cursorBlink: true, fontSize: 13, convertEol: false });
      const fit = new FitAddon();
      terminal.loadAddon(fit);
      terminal.open(element);
      fit.fit();
      try {
        const grant = await openExecSession(browserApi, container, {
          cmd: parseCommand(command),
          cols: terminal.cols,
          rows: terminal.rows,
        });
        if (disposed) return;
        const socket = connectExecSocket(socketBase, grant, {
          onOpened: () => {
            setPhase({ kind: 'open' });
            terminal.focus();
          },
          onOutput: (bytes, drawn) => terminal.write(bytes, drawn),
          onEnded: (message) => setPhase({ kind: 'ended', message }),
        });
        const typing = terminal.onData((data) => socket.input(data));
        // The size the terminal has now, for tests and assistive tools reading the page.
        element.dataset.cols = String(terminal.cols);
        const resizing = terminal.onResize(({ cols, rows }) => {
          element.dataset.cols = String(cols);
          socket.resize(cols, rows);
        });
        const observer = new ResizeObserver(() => fit.fit());
        observer.observe(element);
        cleanup = () => {
          observer.disconnect();
          typing.dispose();
          resizing.dispose();
          socket.close();
          terminal.dispose();
        };
      } catch (cause) {
        setPhase({
          kind: 'ended',
          message:
            cause instanceof ApiError || cause instanceof Error
              ? cause.message
              : 'The terminal could not open.',
        });
        cleanup = () => terminal.dispose();
      }
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, [session]);

  const running = phase.kind === 'connecting' || phase.kind === 'open';
  return (
    <section className={styles.panel} aria-label="Terminal">
      <div className={styles.controls}>
        <div>
          <label htmlFor={commandId}>Command</label>{' '}
          <input
            id={commandId}
            value={command}
            onChange={(event) => setCommand(event.target.value)}
            disabled={blocked !== null || running}
            spellCheck={false}
          />
        </div>
        <Button
          size="small"
          disabled={blocked !== null || running}
          aria-describedby={blocked ? reasonId : undefined}
          title={blocked ?? undefined}
          onClick={() => {
            setPhase({ kind: 'connecting' });
            setSession((n) => n + 1);
          }}
        >
          Terminal
        </Button>
        {blocked ? (
          <span id={reasonId} className={styles.status}>
            {blocked}
          </span>
        ) : null}
        <span className={styles.status} role="status">
          {phase.kind === 'connecting'
            ? 'Connecting…'
            : phase.kind === 'open'
              ? 'Connected'
              : phase.kind === 'ended'
                ? phase.message
                : ''}
        </span>
      </div>
      {session > 0 ? <div ref={screen} className={styles.terminal} data-testid="exec-terminal" /> : null}
    </section>
  );
}

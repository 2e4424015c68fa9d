'use client';

import {
  EXEC_SOCKET_PROTOCOL,
  EXEC_TICKET_PROTOCOL_PREFIX,
  type ExecClientMessage,
  type ExecSessionGrant,
  MAX_EXEC_INPUT_BYTES,
  ZExecServerMessageSchema,
} from '@berth/api-contract';

export type ExecSocketHandlers = {
  onOpened: () => void;
  /** Output bytes; call `drawn` once the terminal has written them (that is the ack). */
  onOutput: (bytes: Uint8Array, drawn: () => void) => void;
  onEnded: (message: string) => void;
};

/**
 * The terminal's WebSocket to the API. Acks carry the total of output bytes the terminal has
 * drawn: the agent sends no more than its window ahead of them, so a flood in the container
 * waits there instead of piling up in this tab.
 */
export function connectExecSocket(socketBase: string, grant: ExecSessionGrant, handlers: ExecSocketHandlers) {
  const base = socketBase || window.location.origin;
  const url = `${base.replace(/^http/, 'ws')}${grant.socketPath}`;
  const socket = new WebSocket(url, [EXEC_SOCKET_PROTOCOL, `${EXEC_TICKET_PROTOCOL_PREFIX}${grant.ticket}`]);
  let consumed = 0;
  let ended = false;
  const send = (message: ExecClientMessage) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const end = (message: string) => {
    if (ended) return;
    ended = true;
    handlers.onEnded(message);
  };
  socket.onmessage = (event) => {
    const parsed = ZExecServerMessageSchema.safeParse(JSON.parse(String(event.data)));
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'opened') handlers.onOpened();
    else if (message.type === 'output') {
      const bytes = Uint8Array.from(atob(message.data), (c) => c.charCodeAt(0));
      handlers.onOutput(bytes, () => {
        consumed += bytes.length;
        send({ type: 'ack', consumed });
      });
    } else if (message.type === 'error') end(message.reason);
    else
      end(
        message.exitCode === null
          ? `Session closed: ${message.reason}.`
          : `Session closed: ${message.reason} (exit code ${message.exitCode}).`,
      );
  };
  socket.onclose = () => end('Session closed.');
  return {
    input(text: string) {
      // A paste larger than one message goes in several, in order.
      for (let at = 0; at < text.length; at += MAX_EXEC_INPUT_BYTES / 4)
        send({ type: 'input', data: text.slice(at, at + MAX_EXEC_INPUT_BYTES / 4) });
    },
    resize(cols: number, rows: number) {
      send({ type: 'resize', cols, rows });
    },
    close() {
      socket.close();
    },
  };
}

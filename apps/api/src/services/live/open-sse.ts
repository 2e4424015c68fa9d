import type { FastifyReply, FastifyRequest } from 'fastify';

export type SseStream = {
  send(event: string, data: unknown, id?: string): void;
  /** Resolves when the client goes away (or the stream is closed). */
  closed: Promise<void>;
  close(): void;
};

const HEARTBEAT_MS = 15_000;

/**
 * Takes over the response for Server-Sent Events. A comment line every 15 s keeps
 * proxies from timing the stream out and lets a dead client be noticed.
 */
export function openSse(request: FastifyRequest, reply: FastifyReply): SseStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write(': connected\n\n');
  let open = true;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const finish = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    resolveClosed();
  };
  request.raw.on('close', finish);
  raw.on('close', finish);
  return {
    send(event, data, id) {
      if (!open) return;
      raw.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    closed,
    close() {
      finish();
      raw.end();
    },
  };
}

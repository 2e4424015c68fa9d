import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One alert as a notification lists it (@berth/notify's webhook body). */
export type NotifiedAlert = {
  status: 'firing' | 'resolved';
  startsAt: string;
  labels: Record<string, string>;
};

export type Arrival = {
  /** Epoch ms (performance.timeOrigin + performance.now()) when the body had arrived. */
  at: number;
  /** The notification id (the Idempotency-Key header). */
  id: string;
  status: string;
  alerts: NotifiedAlert[];
};

export type WebhookReceiver = {
  url: string;
  arrivals: Arrival[];
  /** Forgets what arrived so far (between runs). */
  reset(): void;
  stop(): Promise<void>;
};

/**
 * The local webhook every organisation's channel posts to: answers 200 at once and records
 * when each notification arrived. It runs in the bench process, on the same clock as the
 * simulated agents' acks the lag is measured from.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const arrivals: Arrival[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.timeOrigin + performance.now();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        status?: string;
        alerts?: NotifiedAlert[];
      };
      arrivals.push({
        at,
        id: String(req.headers['idempotency-key'] ?? ''),
        status: body.status ?? '',
        alerts: body.alerts ?? [],
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    arrivals,
    reset() {
      arrivals.length = 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

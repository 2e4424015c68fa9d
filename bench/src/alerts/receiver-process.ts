/**
 * The webhook receiver as its own process (started by webhook-receiver.ts): answers every POST
 * 200 at once and prints one JSON line per notification — when its body had arrived (epoch ms,
 * `performance.timeOrigin + performance.now()`, as the bench stamps acks), its id (the
 * Idempotency-Key header), status and alerts. Out of the bench process, whose event loop is busy
 * with a thousand simulated agents, so an answer is never late because of them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Alert = { status?: string; startsAt?: string; labels?: Record<string, string>; url?: string };

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const at = performance.timeOrigin + performance.now();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
    let body: { status?: string; alerts?: Alert[] } = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      // Counted with no alerts: the bench reports what it cannot pair.
    }
    const alerts = (body.alerts ?? []).map((alert) => ({
      status: alert.status,
      startsAt: alert.startsAt,
      // The alert's id, from its console link (…/alerts/<id>): pairs it with the alerter's stage trace.
      alertId: alert.url?.split('/alerts/')[1] ?? null,
      labels: {
        rule: alert.labels?.rule,
        host: alert.labels?.host,
        ...(alert.labels?.container === undefined ? {} : { container: alert.labels.container }),
      },
    }));
    const id = String(req.headers['idempotency-key'] ?? '');
    process.stdout.write(`${JSON.stringify({ at, id, status: body.status ?? '', alerts })}\n`);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${port}/hook` })}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

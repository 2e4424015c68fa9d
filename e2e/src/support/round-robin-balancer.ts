import net from 'node:net';

export type Balancer = { url: string; close(): Promise<void> };

/**
 * A TCP load balancer in front of several gateways, as in production: each new connection
 * goes to the next upstream that accepts it, so agents spread out, and the agents of a dead
 * gateway land on the others when they reconnect.
 */
export async function startRoundRobinBalancer(upstreamPorts: readonly number[]): Promise<Balancer> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const connectUpstream = (attempt: number): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      if (attempt >= upstreamPorts.length) return reject(new Error('no upstream accepted the connection'));
      const port = upstreamPorts[next % upstreamPorts.length] ?? 0;
      next += 1;
      const upstream = net.connect(port, '127.0.0.1');
      upstream.once('connect', () => resolve(upstream));
      upstream.once('error', () => connectUpstream(attempt + 1).then(resolve, reject));
    });
  const server = net.createServer((client) => {
    sockets.add(client);
    client.pause();
    connectUpstream(0).then(
      (upstream) => {
        sockets.add(upstream);
        client.pipe(upstream).pipe(client);
        client.resume();
        const close = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

import net from 'node:net';

/**
 * - `forward`: bytes flow both ways.
 * - `pause`: nothing is read from either side (TCP back-pressure, as a stalled link); what was
 *   sent arrives once forwarding resumes, and new connections wait to be passed on.
 * - `blackhole`: sockets stay open but every byte either way is dropped and closes are not
 *   passed on, as a link that silently eats packets. Those streams have holes, so they are
 *   reset when forwarding resumes; new connections are accepted and go nowhere.
 */
export type ProxyMode = 'forward' | 'pause' | 'blackhole';

type Pair = { client: net.Socket; upstream: net.Socket | undefined; holed: boolean };

/** A TCP proxy on 127.0.0.1 in front of one target, whose forwarding a test switches. */
export class TcpProxy {
  private readonly pairs = new Set<Pair>();
  private current: ProxyMode = 'forward';
  /** Connections accepted so far (each agent reconnect is one). */
  accepted = 0;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    private readonly target: { port: number; host: string },
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new TcpProxy(server, port, { port: targetPort, host: targetHost });
  }

  get mode(): ProxyMode {
    return this.current;
  }

  setMode(next: ProxyMode): void {
    this.current = next;
    for (const pair of [...this.pairs]) {
      if (next === 'blackhole') pair.holed = true;
      else if (pair.holed) this.end(pair);
      else if (next === 'pause') pauseBoth(pair);
      else if (!pair.upstream) this.connectUpstream(pair);
      else {
        pair.client.resume();
        pair.upstream.resume();
      }
    }
  }

  async close(): Promise<void> {
    for (const pair of [...this.pairs]) this.end(pair);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.accepted += 1;
    const pair: Pair = { client, upstream: undefined, holed: this.current === 'blackhole' };
    this.pairs.add(pair);
    client.on('error', () => undefined);
    if (this.current === 'forward') this.connectUpstream(pair);
    else if (this.current === 'pause') client.pause();
    else client.on('data', () => undefined); // black-holed from birth: read and drop
  }

  private connectUpstream(pair: Pair): void {
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    this.wire(pair, pair.client, upstream);
    this.wire(pair, upstream, pair.client);
    // A client that waited in `pause` was paused explicitly; listeners alone do not restart it.
    if (this.current === 'pause') pauseBoth(pair);
    else pair.client.resume();
  }

  /** Copies `from` → `to` honouring back-pressure; drops bytes and closes while black-holed. */
  private wire(pair: Pair, from: net.Socket, to: net.Socket): void {
    const holing = (): boolean => pair.holed || this.current === 'blackhole';
    from.on('data', (chunk: Buffer) => {
      if (holing()) {
        pair.holed = true;
        return;
      }
      if (to.write(chunk)) return;
      from.pause();
      to.once('drain', () => {
        if (this.current !== 'pause') from.resume();
      });
    });
    from.on('end', () => {
      if (!holing()) to.end();
    });
    from.on('close', () => {
      if (!holing()) this.end(pair);
    });
    from.on('error', () => undefined);
  }

  private end(pair: Pair): void {
    pair.client.destroy();
    pair.upstream?.destroy();
    this.pairs.delete(pair);
  }
}

function pauseBoth(pair: Pair): void {
  pair.client.pause();
  pair.upstream?.pause();
}

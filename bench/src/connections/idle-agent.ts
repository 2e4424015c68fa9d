import WebSocket from 'ws';
import { deferred } from '../shared/deferred.js';

const HELLO = JSON.stringify({
  type: 'hello',
  protocol: 1,
  agentVersion: '1.4.2',
  host: {
    hostname: 'idle-bench',
    os: 'Debian GNU/Linux 12 (bookworm)',
    kernel: '6.1.0-25-amd64',
    arch: 'x64',
    cpus: 4,
    memTotal: 8 * 1024 * 1024 * 1024,
    dockerVersion: '27.3.1',
  },
  capabilities: ['actions', 'logs'],
  encodings: ['json'],
  lastAckedSeq: 0,
});

/**
 * An idle agent: hello, then only `ping` frames (sent by the simulator's shared timer).
 * One ping may be outstanding for RTT measurement; pongs for others are ignored.
 */
export class IdleAgent {
  readonly ws: WebSocket;
  private readonly welcome = deferred();
  private probe?: { ts: number; sentAt: number; resolve: (rtt: number) => void };
  closed = false;
  welcomed = false;

  constructor(credential: string, url: string, localAddress: string, onClose: (agent: IdleAgent) => void) {
    this.ws = new WebSocket(url, {
      headers: { authorization: `Bearer ${credential}` },
      perMessageDeflate: false,
      localAddress,
      handshakeTimeout: 30_000,
    });
    this.ws.on('open', () => this.ws.send(HELLO));
    this.ws.on('message', (data) => this.onMessage(data as Buffer));
    this.ws.on('error', (error) => this.welcome.reject(error));
    this.ws.on('close', (code, reason) => {
      this.closed = true;
      this.welcome.reject(new Error(`closed ${code} ${reason.toString()}`));
      onClose(this);
    });
  }

  get ready(): Promise<void> {
    return this.welcome.promise;
  }

  /** A routine ping (skipped while a measured one is out, so each pong has one owner). */
  ping(): void {
    if (!this.probe) this.send(Date.now());
  }

  private send(ts: number): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(`{"type":"ping","ts":${ts}}`);
  }

  /** Round trip of one ping → pong in ms, or -1 if no pong within `timeoutMs`. */
  measurePing(timeoutMs: number): Promise<number> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.probe = undefined;
        resolve(-1);
      }, timeoutMs);
      const ts = Date.now();
      this.probe = {
        ts,
        sentAt: performance.now(),
        resolve: (rtt) => {
          clearTimeout(timer);
          resolve(rtt);
        },
      };
      this.send(ts);
    });
  }

  private onMessage(data: Buffer): void {
    const frame = JSON.parse(data.toString()) as { type?: string; ts?: number };
    if (frame.type === 'pong') {
      const probe = this.probe;
      if (!probe || probe.ts !== frame.ts) return;
      this.probe = undefined;
      probe.resolve(performance.now() - probe.sentAt);
    } else if (frame.type === 'welcome') {
      this.welcomed = true;
      this.welcome.resolve();
    }
  }
}

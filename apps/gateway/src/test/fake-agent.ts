import {
  type AgentFrame,
  decodeGatewayFrame,
  encodeFrame,
  type GatewayFrame,
  type WelcomeFrame,
} from '@berth/protocol';
import { makeHelloFrame } from '@berth/protocol/testing';
import WebSocket from 'ws';

export type Closed = { code: number; reason: string };

/** The agent's side of the protocol, driven by a test. */
export class FakeAgent {
  private readonly inbox: GatewayFrame[] = [];
  /** Frames from the gateway that broke the protocol (a test asserts this stays empty). */
  readonly invalid: string[] = [];
  private waiters: { type: string; resolve: (frame: GatewayFrame) => void }[] = [];
  readonly closed: Promise<Closed>;
  readonly opened: Promise<void>;

  constructor(
    url: string,
    credential: string,
    readonly ws = new WebSocket(url, { headers: { authorization: `Bearer ${credential}` } }),
  ) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('message', (data) => {
      const decoded = decodeGatewayFrame(data as Buffer);
      if (!decoded.ok) {
        this.invalid.push(decoded.reason);
        return;
      }
      const waiter = this.waiters.find((w) => w.type === decoded.frame.type || w.type === '*');
      if (waiter) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(decoded.frame);
      } else this.inbox.push(decoded.frame);
    });
  }

  static async connect(url: string, credential: string): Promise<FakeAgent> {
    const agent = new FakeAgent(url, credential);
    await agent.opened;
    return agent;
  }

  /** Frames go as WebSocket text messages, also when given as raw bytes. */
  send(frame: AgentFrame | string | Buffer): void {
    if (Buffer.isBuffer(frame)) this.ws.send(frame, { binary: false });
    else this.ws.send(typeof frame === 'string' ? frame : encodeFrame(frame));
  }

  /** The next frame of `type` (queued or future). */
  next<T extends GatewayFrame['type']>(
    type: T,
    timeoutMs = 10_000,
  ): Promise<Extract<GatewayFrame, { type: T }>> {
    const queued = this.inbox.findIndex((frame) => frame.type === type);
    if (queued >= 0)
      return Promise.resolve(this.inbox.splice(queued, 1)[0] as Extract<GatewayFrame, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame as Extract<GatewayFrame, { type: T }>);
        },
      });
    });
  }

  /** Frames of `type` received and not yet taken by `next`. */
  queued<T extends GatewayFrame['type']>(type: T): Extract<GatewayFrame, { type: T }>[] {
    return this.inbox.filter((frame): frame is Extract<GatewayFrame, { type: T }> => frame.type === type);
  }

  /**
   * A ping answered: the gateway writes a socket's frames in order, so every frame it sent
   * before answering has arrived.
   */
  async roundTrip(): Promise<void> {
    this.send({ type: 'ping', ts: Date.now() });
    await this.next('pong');
  }

  async hello(overrides: Parameters<typeof makeHelloFrame>[0] = {}): Promise<WelcomeFrame> {
    this.send(makeHelloFrame(overrides));
    return this.next('welcome');
  }

  close(code = 1000): Promise<Closed> {
    this.ws.close(code);
    return this.closed;
  }
}

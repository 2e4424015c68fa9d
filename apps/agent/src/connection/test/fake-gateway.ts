import { EventEmitter, once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import {
  type AgentFrame,
  type BatchFrame,
  decodeAgentFrame,
  encodeFrame,
  type GatewayFrame,
  type HelloFrame,
  type WelcomeFrame,
} from '@berth/protocol';
import { makeWelcomeFrame } from '@berth/protocol/testing';
import { type WebSocket, WebSocketServer } from 'ws';

export type FakeGatewayOptions = {
  welcome?: Partial<WelcomeFrame>;
  /** Ack each batch as it arrives (default true). */
  autoAck?: boolean;
  /** Answer the agent's pings (default true). */
  answerPings?: boolean;
  /** Answer hello with welcome (default true); false leaves the agent waiting. */
  sendWelcome?: boolean;
  /** HTTP status to refuse the upgrade with (e.g. 401). */
  refuseUpgrade?: number;
};

/** One agent socket as the gateway sees it. */
export class FakeAgentSocket extends EventEmitter {
  readonly frames: AgentFrame[] = [];
  hello: HelloFrame | undefined;
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  constructor(
    readonly ws: WebSocket,
    readonly authorization: string | undefined,
  ) {
    super();
    this.closed = new Promise((resolve) =>
      ws.once('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  send(frame: GatewayFrame): void {
    this.ws.send(encodeFrame(frame));
  }

  /**
   * Writes the frames in one TCP write, so the agent's ws parses them from one chunk and emits
   * them back to back (as a busy gateway's welcome and first action can arrive).
   */
  sendTogether(frames: GatewayFrame[]): void {
    // ws keeps the TCP socket private; corking it is the only way to coalesce frames.
    const tcp = (this.ws as unknown as { _socket: Socket })._socket;
    tcp.cork();
    for (const frame of frames) this.send(frame);
    tcp.uncork();
  }

  close(code: number, reason = ''): void {
    this.ws.close(code, reason);
  }

  batches(): BatchFrame[] {
    return this.frames.filter((frame): frame is BatchFrame => frame.type === 'batch');
  }

  /** Resolves with the first frame (already received or future) matching `match`. */
  async waitFor<F extends AgentFrame>(match: (frame: AgentFrame) => frame is F): Promise<F>;
  async waitFor(match: (frame: AgentFrame) => boolean): Promise<AgentFrame>;
  async waitFor(match: (frame: AgentFrame) => boolean): Promise<AgentFrame> {
    const seen = this.frames.find(match);
    if (seen) return seen;
    for (;;) {
      const [frame] = (await once(this, 'frame')) as [AgentFrame];
      if (match(frame)) return frame;
    }
  }

  waitForBatch(seq: number): Promise<BatchFrame> {
    return this.waitFor((frame): frame is BatchFrame => frame.type === 'batch' && frame.seq === seq);
  }
}

/** A protocol peer for the agent's tests: a real ws server speaking the gateway's side of v1. */
export class FakeGateway extends EventEmitter {
  readonly sockets: FakeAgentSocket[] = [];
  /** Batches in arrival order, over every connection. */
  readonly received: BatchFrame[] = [];
  onBatch: ((batch: BatchFrame, socket: FakeAgentSocket) => void) | undefined;

  private constructor(
    private readonly server: WebSocketServer,
    readonly options: FakeGatewayOptions,
  ) {
    super();
    server.on('connection', (ws, request) => this.accept(ws, request.headers.authorization));
  }

  static async start(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      path: '/agent/v1',
      verifyClient: (_info, done) =>
        options.refuseUpgrade ? done(false, options.refuseUpgrade) : done(true),
    });
    await once(server, 'listening');
    return new FakeGateway(server, options);
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/agent/v1`;
  }

  async nextSocket(): Promise<FakeAgentSocket> {
    const [socket] = (await once(this, 'socket')) as [FakeAgentSocket];
    return socket;
  }

  /** The n-th socket (0-based), waiting for it if it has not connected yet. */
  async socket(index: number): Promise<FakeAgentSocket> {
    for (;;) {
      const socket = this.sockets[index];
      if (socket) return socket;
      await once(this, 'socket');
    }
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket, authorization: string | undefined): void {
    const socket = new FakeAgentSocket(ws, authorization);
    ws.on('message', (data: Buffer) => {
      const decoded = decodeAgentFrame(data);
      if (!decoded.ok) throw new Error(`fake gateway got an invalid frame: ${decoded.reason}`);
      this.handle(socket, decoded.frame);
      socket.frames.push(decoded.frame);
      socket.emit('frame', decoded.frame);
    });
    this.sockets.push(socket);
    this.emit('socket', socket);
  }

  private handle(socket: FakeAgentSocket, frame: AgentFrame): void {
    if (frame.type === 'hello') {
      socket.hello = frame;
      if (this.options.sendWelcome !== false) socket.send(makeWelcomeFrame(this.options.welcome));
    } else if (frame.type === 'ping' && this.options.answerPings !== false) {
      socket.send({ type: 'pong', ts: frame.ts });
    } else if (frame.type === 'batch') {
      this.received.push(frame);
      this.onBatch?.(frame, socket);
      if (this.options.autoAck !== false && socket.ws.readyState === socket.ws.OPEN) {
        socket.send({ type: 'ack', seq: frame.seq, status: 'committed' });
      }
    }
  }
}

import { encodeFrame } from '@berth/protocol';
import { makeHelloFrame } from '@berth/protocol/testing';
import WebSocket from 'ws';
import { deferred } from '../shared/deferred.js';
import type { AgentPlan } from './plan-agents.js';

/** Counters of the whole simulator, updated by every agent. */
export type IngestTotals = {
  batchesAcked: number;
  rowsCommitted: number;
  firstSendAt: number;
  lastAckAt: number;
  /** Called with each 'committed' ack as it arrives (performance.now() at arrival). */
  onCommitted?: (hostId: string, seq: number, at: number) => void;
};

type Frame = {
  type?: string;
  seq?: number;
  status?: string;
  limits?: { maxUnackedBatches?: number };
  encodings?: string[];
};

/**
 * Makes frames that are made as they are sent (`frameAt`), a few milliseconds' worth at a time,
 * in order, with I/O between. Made in the ack handler, the thousand agents' first windows (16
 * frames each, ~0.5 ms apiece) held the event loop for ~8 s at the start: acks that had
 * arrived meanwhile were stamped up to 8 s after the gateway sent them, so bench:alerts saw
 * 40 % of its notifications arrive "before" their batch's ack and measured the rest from a
 * late stamp (docs/benchmarks.md).
 */
const frameMaker = {
  queue: [] as (() => void)[],
  head: 0,
  scheduled: false,
  add(make: () => void): void {
    this.queue.push(make);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.run());
  },
  run(): void {
    const until = performance.now() + FRAME_SLICE_MS;
    while (this.head < this.queue.length && performance.now() < until) {
      const make = this.queue[this.head];
      this.head += 1;
      make?.();
    }
    if (this.head < this.queue.length) {
      setImmediate(() => this.run());
      return;
    }
    this.queue = [];
    this.head = 0;
    this.scheduled = false;
  },
};

/** How long frame making may hold the event loop before acks are read again. */
const FRAME_SLICE_MS = 5;

/**
 * One simulated agent: hello, then its batches in seq order with at most the welcome's
 * `maxUnackedBatches` unacked, each next batch sent as soon as an ack frees a slot.
 * Any close, error frame or ack other than 'committed' fails the run.
 */
export class IngestAgent {
  private readonly ws: WebSocket;
  private readonly welcome = deferred();
  private readonly finished = deferred();
  private window = 1;
  private nextIndex = 0;
  private inFlight = 0;
  private acked = 0;

  constructor(
    url: string,
    private readonly plan: AgentPlan,
    private readonly totals: IngestTotals,
    localAddress?: string,
  ) {
    this.ws = new WebSocket(url, {
      headers: { authorization: `Bearer ${plan.host.credential}` },
      perMessageDeflate: false,
      ...(localAddress ? { localAddress } : {}),
    });
    const hostname = `bench-${plan.host.hostId.slice(0, 8)}`;
    // As a real agent: offer columnar, send samples and logs as columns only once the welcome accepted them.
    const encodings = plan.encoding === 'columnar' ? (['columnar', 'json'] as const) : (['json'] as const);
    const hello = makeHelloFrame({ host: { ...makeHelloFrame().host, hostname }, encodings: [...encodings] });
    this.ws.on('open', () => this.ws.send(encodeFrame(hello)));
    this.ws.on('message', (data) => this.onMessage(data as Buffer));
    this.ws.on('error', (error) => this.fail(`socket error: ${error.message}`));
    this.ws.on('close', (code, reason) => {
      if (this.acked < this.plan.rows.length) this.fail(`closed ${code} ${reason.toString()}`);
    });
  }

  /** Resolves once the welcome arrived. */
  get ready(): Promise<void> {
    return this.welcome.promise;
  }

  /** Starts streaming; resolves when every batch was acked 'committed'. */
  start(): Promise<void> {
    if (this.totals.firstSendAt === 0) this.totals.firstSendAt = performance.now();
    this.pump();
    return this.finished.promise;
  }

  close(): void {
    this.ws.close(1000);
  }

  private pump(): void {
    const { frames, frameAt, rows } = this.plan;
    while (this.inFlight < this.window && this.nextIndex < rows.length) {
      const index = this.nextIndex;
      this.nextIndex += 1;
      this.inFlight += 1;
      if (frameAt) frameMaker.add(() => this.ws.send(frameAt(index), { binary: false }));
      else {
        const frame = frames[index];
        if (frame) this.ws.send(frame, { binary: false });
      }
    }
  }

  private onMessage(data: Buffer): void {
    // Acks are tiny and trusted here: plain JSON.parse keeps the simulator's CPU for sockets.
    const frame = JSON.parse(data.toString()) as Frame;
    if (frame.type === 'welcome') {
      if (this.plan.encoding === 'columnar' && !frame.encodings?.includes('columnar')) {
        this.fail('the welcome did not accept columnar (planned frames carry columns)');
        return;
      }
      this.window = Math.max(1, frame.limits?.maxUnackedBatches ?? 1);
      this.welcome.resolve();
    } else if (frame.type === 'ack') this.onAck(frame);
    else if (frame.type === 'error') this.fail(`error frame ${data.toString()}`);
  }

  private onAck(frame: Frame): void {
    if (frame.status !== 'committed') {
      this.fail(`batch ${frame.seq} acked '${frame.status}', expected 'committed'`);
      return;
    }
    this.inFlight -= 1;
    this.acked += 1;
    this.totals.batchesAcked += 1;
    this.totals.rowsCommitted += this.plan.rows[(frame.seq ?? 0) - 1] ?? 0;
    this.totals.lastAckAt = performance.now();
    this.totals.onCommitted?.(this.plan.host.hostId, frame.seq ?? 0, this.totals.lastAckAt);
    if (this.acked === this.plan.rows.length) this.finished.resolve();
    else this.pump();
  }

  private fail(reason: string): void {
    const error = new Error(`agent ${this.plan.host.hostId}: ${reason}`);
    this.welcome.reject(error);
    this.finished.reject(error);
  }
}

export type PingMonitorOptions = {
  intervalMs: number;
  /** Pings in a row without a pong before the socket is declared dead. */
  maxMissed: number;
  sendPing: (ts: number) => void;
  onDead: (missed: number) => void;
};

/**
 * Application-level liveness: a TCP connection through NAT or a proxy can die without a close,
 * and only a missing answer tells. Any pong counts, so a late one still proves the peer is there.
 */
export class PingMonitor {
  private timer: NodeJS.Timeout | undefined;
  private awaiting = false;
  private missed = 0;

  constructor(private readonly options: PingMonitorOptions) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  pongReceived(): void {
    this.awaiting = false;
    this.missed = 0;
  }

  private tick(): void {
    if (this.awaiting) this.missed += 1;
    if (this.missed >= this.options.maxMissed) {
      this.stop();
      this.options.onDead(this.missed);
      return;
    }
    this.awaiting = true;
    this.options.sendPing(Date.now());
  }
}

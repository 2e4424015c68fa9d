/**
 * Counts frames sent in the last second. The gateway closes with 4008 above
 * `maxFramesPerSecond`; replaying a large spool would hit that without pacing.
 */
export class FrameRateLimiter {
  private readonly sent: number[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  record(): void {
    this.sent.push(this.now());
  }

  /** Milliseconds until one more frame keeps the last second's count under `budget`; 0 = now. */
  delayFor(budget: number): number {
    const now = this.now();
    while (this.sent.length > 0 && (this.sent[0] ?? now) <= now - 1000) this.sent.shift();
    if (this.sent.length < budget) return 0;
    const oldest = this.sent[this.sent.length - budget] ?? now;
    return Math.max(1, Math.ceil(oldest + 1000 - now));
  }
}

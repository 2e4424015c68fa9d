/**
 * Tells a batch the gateway will never accept from a bad moment. After a 4000 close the next
 * connection sends one batch at a time (`probing`), so the batch in flight at the next 4000 is
 * certainly the culprit; after `threshold` closes on the same seq, the last of them certain,
 * the verdict is to move it aside (the spool reports it as a gap) instead of retrying forever.
 */
export class PoisonBatchTracker {
  private suspect: number | undefined;
  private closes = 0;

  constructor(private readonly threshold: number) {}

  get probing(): boolean {
    return this.suspect !== undefined;
  }

  /** `certain`: only this batch was in flight when the gateway closed. */
  badFrameClose(seq: number, certain: boolean): 'retry' | 'reject' {
    if (seq !== this.suspect) {
      this.suspect = seq;
      this.closes = 0;
    }
    this.closes += 1;
    if (this.closes >= this.threshold && certain) {
      this.reset();
      return 'reject';
    }
    return 'retry';
  }

  acked(seq: number): void {
    if (this.suspect !== undefined && seq >= this.suspect) this.reset();
  }

  reset(): void {
    this.suspect = undefined;
    this.closes = 0;
  }
}

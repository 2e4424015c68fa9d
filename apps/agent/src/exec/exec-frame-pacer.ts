/**
 * Spaces the exec output frames of all sessions together: the gateway closes a host's socket
 * above `maxFramesPerSecond` (50), which batches, pings and live logs share. Output goes out at
 * once when the terminal was quiet (a keystroke's echo is not delayed), and a flood is gathered
 * into at most `1000 / gapMs` frames a second for the whole agent.
 */
export class ExecFramePacer {
  #nextAt = 0;

  constructor(
    private readonly gapMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds to wait before sending one frame; books that slot. */
  reserve(): number {
    const now = this.now();
    const at = Math.max(now, this.#nextAt);
    this.#nextAt = at + this.gapMs;
    return Math.ceil(at - now);
  }
}

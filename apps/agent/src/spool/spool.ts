import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchGap } from '@berth/protocol';
import { type Logger, silentLogger } from '../cli/logger.js';
import { removeGap, requeueGaps } from './merge-gaps.js';
import { moveToRejected } from './move-to-rejected.js';
import { recoverSpool } from './recover-spool.js';
import type { SpoolEntry } from './scan-spool-dir.js';
import { batchFileName } from './spool-files.js';
import { isNotFound, type SpoolMeta, writeSpoolMeta } from './spool-meta.js';
import { writeFileAtomic } from './write-file-atomic.js';

export const DEFAULT_SPOOL_MAX_BYTES = 64 * 1024 * 1024;

export type SpoolOptions = {
  /** The agent's state directory; batches go to `spool/`, refused ones to `rejected/`. */
  stateDir: string;
  /** Upper bound on the batch files' total size; the oldest batches are dropped beyond it. */
  maxBytes?: number;
  log?: Logger;
  /** fsync every write (default). Off only in tests that measure something else. */
  durable?: boolean;
  /** Rejected batches kept for inspection. */
  keepRejected?: number;
};

/** What a new batch must carry: its seq and, if batches were dropped, the oldest unreported gap. */
export type BatchSlot = { seq: number; gap: BatchGap | undefined };
export type PendingBatch = { seq: number; bytes: number };
export type AppendResult = { seq: number; bytes: number; droppedBatches: number };
export type SpoolStats = {
  batches: number;
  bytes: number;
  maxBytes: number;
  nextSeq: number;
  lastAckedSeq: number;
  unreportedGaps: BatchGap[];
};

/**
 * The on-disk queue of encoded batch frames between the batcher and the connection: one file per
 * batch, written atomically; a batch leaves only when acked, dropped for space, or rejected.
 * Mutations run one at a time (appends, acks and rejects come from different places).
 */
export class Spool {
  private tail: Promise<unknown> = Promise.resolve();
  /** Highest ack received; acks queued behind a slow write collapse into one delete. */
  private ackTarget = 0;

  private constructor(
    private readonly dir: string,
    private readonly rejectedDir: string,
    private readonly options: Required<Omit<SpoolOptions, 'stateDir'>>,
    private entries: SpoolEntry[],
    private meta: SpoolMeta,
  ) {}

  static async open(options: SpoolOptions): Promise<Spool> {
    const dir = join(options.stateDir, 'spool');
    const rejectedDir = join(options.stateDir, 'rejected');
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await mkdir(rejectedDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'error';
      throw new Error(
        `cannot create the spool in ${options.stateDir} (${code}); run as a user that can write there, or pass --state-dir`,
        { cause: error },
      );
    }
    const settings = {
      maxBytes: options.maxBytes ?? DEFAULT_SPOOL_MAX_BYTES,
      log: options.log ?? silentLogger(),
      durable: options.durable ?? true,
      keepRejected: options.keepRejected ?? 20,
    };
    const { entries, meta } = await recoverSpool(dir, settings.log);
    const spool = new Spool(dir, rejectedDir, settings, entries, meta);
    await spool.serial(async () => {
      await spool.makeRoom(0);
      await spool.saveMeta();
    });
    return spool;
  }

  get lastAckedSeq(): number {
    return this.meta.lastAckedSeq;
  }

  /**
   * Allocates the next seq, lets `build` encode the batch for it, makes room by dropping the
   * oldest batches if needed, and writes the batch durably. A seq is used by one batch only.
   */
  append(build: (slot: BatchSlot) => string): Promise<AppendResult> {
    return this.serial(async () => {
      const seq = this.meta.nextSeq;
      const gap = this.meta.gaps[0];
      const text = build({ seq, gap });
      const bytes = Buffer.byteLength(text);
      const droppedBatches = await this.makeRoom(bytes);
      await writeFileAtomic(join(this.dir, batchFileName(seq)), text, { durable: this.options.durable });
      this.entries.push(gap ? { seq, bytes, gap } : { seq, bytes });
      this.meta.nextSeq = seq + 1;
      if (gap) this.meta.gaps = removeGap(this.meta.gaps, gap);
      await this.saveMeta();
      return { seq, bytes, droppedBatches };
    });
  }

  /** The gateway committed every batch up to `seq`: delete them. Repeated or stale acks are no-ops. */
  ack(seq: number): Promise<number> {
    this.ackTarget = Math.max(this.ackTarget, seq);
    return this.serial(() => this.deleteThrough(this.ackTarget));
  }

  /**
   * Applies `welcome.resumeFromSeq`: everything up to it is committed (acks may have been lost),
   * and new batches must continue after it even if this spool's own counter is behind.
   */
  resumeFrom(seq: number): Promise<number> {
    return this.serial(async () => {
      if (seq >= this.meta.nextSeq) {
        this.options.log.warn(
          { resumeFromSeq: seq, nextSeq: this.meta.nextSeq },
          'gateway is ahead of the spool; skipping seqs',
        );
        this.meta.nextSeq = seq + 1;
      }
      return this.deleteThrough(seq);
    });
  }

  /** Moves a batch the gateway refuses to `rejected/` and reports it as a gap. False if it is gone. */
  reject(seq: number, reason: string): Promise<boolean> {
    return this.serial(async () => {
      const index = this.entries.findIndex((entry) => entry.seq === seq);
      const entry = this.entries[index];
      if (!entry) return false;
      this.entries.splice(index, 1);
      this.meta.gaps = requeueGaps(this.meta.gaps, [entry]);
      await this.saveMeta();
      const note = { seq, reason, rejectedAt: new Date().toISOString() };
      await moveToRejected(this.dir, this.rejectedDir, note, this.options.keepRejected);
      this.options.log.error(
        { seq, reason, dir: this.rejectedDir },
        'batch moved aside as rejected; reported as a gap',
      );
      return true;
    });
  }

  /** Unacked batches, oldest first. */
  pending(): PendingBatch[] {
    return this.entries.map(({ seq, bytes }) => ({ seq, bytes }));
  }

  /** The oldest unacked batch with a seq above `seq`. */
  nextAfter(seq: number): PendingBatch | undefined {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.entries[mid]?.seq ?? 0) <= seq) low = mid + 1;
      else high = mid;
    }
    const entry = this.entries[low];
    return entry ? { seq: entry.seq, bytes: entry.bytes } : undefined;
  }

  /** The encoded frame of a pending batch; undefined if it was acked or dropped meanwhile. */
  async read(seq: number): Promise<string | undefined> {
    try {
      return await readFile(join(this.dir, batchFileName(seq)), 'utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  stats(): SpoolStats {
    return {
      batches: this.entries.length,
      bytes: this.totalBytes(),
      maxBytes: this.options.maxBytes,
      nextSeq: this.meta.nextSeq,
      lastAckedSeq: this.meta.lastAckedSeq,
      unreportedGaps: [...this.meta.gaps],
    };
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.tail.then(operation, operation);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private totalBytes(): number {
    return this.entries.reduce((sum, entry) => sum + entry.bytes, 0);
  }

  private async deleteThrough(seq: number): Promise<number> {
    const upTo = Math.min(seq, this.meta.nextSeq - 1);
    const count = countThrough(this.entries, upTo);
    if (upTo <= this.meta.lastAckedSeq && count === 0) return 0;
    const deleted = this.entries.splice(0, count);
    this.meta.lastAckedSeq = Math.max(this.meta.lastAckedSeq, upTo);
    // The meta first: if the deletes are lost in a crash, recovery deletes files ≤ lastAckedSeq.
    await this.saveMeta();
    await this.unlinkAll(deleted);
    return deleted.length;
  }

  /** Drops the oldest batches until `incoming` more bytes fit; their seqs become a gap. */
  private async makeRoom(incoming: number): Promise<number> {
    let total = this.totalBytes();
    let count = 0;
    while (count < this.entries.length && total + incoming > this.options.maxBytes) {
      total -= this.entries[count]?.bytes ?? 0;
      count += 1;
    }
    if (count === 0) return 0;
    const dropped = this.entries.splice(0, count);
    this.meta.gaps = requeueGaps(this.meta.gaps, dropped);
    // The meta first: a crash before the deletes leaves files inside a gap, which recovery deletes.
    await this.saveMeta();
    await this.unlinkAll(dropped);
    const first = dropped[0]?.seq;
    const last = dropped.at(-1)?.seq;
    this.options.log.warn(
      { droppedBatches: count, fromSeq: first, toSeq: last, maxBytes: this.options.maxBytes },
      'spool full; dropped the oldest batches',
    );
    return count;
  }

  private async unlinkAll(entries: readonly SpoolEntry[]): Promise<void> {
    for (const entry of entries) {
      await unlink(join(this.dir, batchFileName(entry.seq))).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    }
  }

  private saveMeta(): Promise<void> {
    return writeSpoolMeta(this.dir, this.meta, this.options.durable);
  }
}

function countThrough(entries: readonly SpoolEntry[], seq: number): number {
  const index = entries.findIndex((entry) => entry.seq > seq);
  return index === -1 ? entries.length : index;
}

import { withOrg } from '@berth/db';
import type { ApiContext } from '../../context.js';
import { execHeartbeatMs, execServerSettings } from './exec-rules.js';
import type { ExecTicket } from './exec-ticket.js';

/** Output waiting for the database is written once it reaches this, or within a second. */
export const TRANSCRIPT_FLUSH_BYTES = 64 * 1024;
/** Output held while the database is slow; past this it is dropped and the transcript truncated. */
const MAX_UNWRITTEN_BYTES = 1024 * 1024;

/**
 * What a running session writes as it goes, so the API dying mid-session loses at most the last
 * second: the recorded output, appended in chunks (`exec_transcript_chunks`), and the session's
 * heartbeat with its byte counts. Writes are serialised (chunk order is seq order) and bounded:
 * at most EXEC_TRANSCRIPT_MAX_BYTES recorded (5 MiB), at most 1 MiB waiting for a slow database.
 */
export class ExecSessionJournal {
  #unwritten: Buffer[] = [];
  #unwrittenBytes = 0;
  /** Taken for the transcript so far, written or on its way (counts towards the cap). */
  #recordedBytes = 0;
  /** Taken but not yet written: with #unwrittenBytes, what a slow database makes us hold. */
  #inFlightBytes = 0;
  #seq = 0;
  #truncated = false;
  #lastWriteAt = Date.now();
  #writing: Promise<void> = Promise.resolve();
  #counts = { bytesIn: 0, bytesOut: 0 };
  #writes = 0;

  readonly #maxTranscriptBytes: number;
  readonly #heartbeatMs: number;

  constructor(
    private readonly ctx: ApiContext,
    private readonly grant: ExecTicket,
  ) {
    const server = execServerSettings(ctx.settings);
    this.#maxTranscriptBytes = server.transcriptMaxBytes;
    this.#heartbeatMs = execHeartbeatMs(server);
  }

  get truncated(): boolean {
    return this.#truncated;
  }

  /** Output the browser was sent; kept when the session is recorded. */
  output(bytes: Buffer): void {
    if (!this.grant.record || bytes.length === 0) return;
    const room = Math.min(
      this.#maxTranscriptBytes - this.#recordedBytes - this.#unwrittenBytes,
      MAX_UNWRITTEN_BYTES - this.#unwrittenBytes - this.#inFlightBytes,
    );
    if (room < bytes.length) this.#truncated = true;
    if (room <= 0) return;
    const kept = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.#unwritten.push(Buffer.from(kept));
    this.#unwrittenBytes += kept.length;
    if (this.#unwrittenBytes >= TRANSCRIPT_FLUSH_BYTES) this.#write();
  }

  /** Called every second or so by the relay: writes what waits, or the heartbeat when due. */
  tick(counts: { bytesIn: number; bytesOut: number }): void {
    this.#counts = counts;
    // A heartbeat behind a write still in flight would only queue up against a slow database.
    const heartbeatDue = this.#writes === 0 && Date.now() - this.#lastWriteAt >= this.#heartbeatMs;
    if (this.#unwrittenBytes > 0 || heartbeatDue) this.#write();
  }

  /** Writes what is left and waits for every write (before the session's end is recorded). */
  async close(counts: { bytesIn: number; bytesOut: number }): Promise<void> {
    this.#counts = counts;
    if (this.#unwrittenBytes > 0) this.#write();
    await this.#writing;
  }

  #write(): void {
    const chunk = this.#unwrittenBytes > 0 ? Buffer.concat(this.#unwritten, this.#unwrittenBytes) : null;
    this.#unwritten = [];
    this.#unwrittenBytes = 0;
    const seq = chunk ? ++this.#seq : 0;
    const size = chunk?.length ?? 0;
    this.#recordedBytes += size;
    this.#inFlightBytes += size;
    const counts = this.#counts;
    const truncated = this.#truncated;
    this.#lastWriteAt = Date.now();
    this.#writes += 1;
    this.#writing = this.#writing.then(async () => {
      try {
        await withOrg(this.ctx.db, this.grant.orgId, async (tx) => {
          if (chunk)
            await tx.execTranscriptChunk.create({
              data: {
                orgId: this.grant.orgId,
                sessionId: this.grant.sessionId,
                seq,
                data: new Uint8Array(chunk),
              },
            });
          await tx.execSession.updateMany({
            where: { id: this.grant.sessionId, status: 'open' },
            data: {
              heartbeatAt: new Date(),
              bytesIn: BigInt(counts.bytesIn),
              bytesOut: BigInt(counts.bytesOut),
              transcriptTruncated: truncated,
            },
          });
        });
      } catch (error) {
        // The chunk is lost, not retried out of order: the transcript says so.
        this.#truncated = true;
        this.ctx.log.warn(
          { err: error, sessionId: this.grant.sessionId },
          'could not write an exec session transcript chunk',
        );
      } finally {
        this.#inFlightBytes -= size;
        this.#writes -= 1;
      }
    });
  }
}

import { type Encoding, encodeFrame, toColumnarBatch } from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import type { BenchHost } from '../shared/insert-hosts.js';
import { appendCopyRows, COPY_TABLES, type CopyRows, countBatchRows } from './encode-copy-rows.js';

/**
 * What one simulated agent sends: its frames, pre-encoded, and the rows each will store (one
 * entry per batch). With `frameAt`, frames are made as they are sent instead (`frames` empty):
 * bench:alerts stamps each batch with the time it leaves, as a real agent does.
 */
export type AgentPlan = {
  host: BenchHost;
  frames: Buffer[];
  rows: number[];
  frameAt?: (index: number) => string;
  /**
   * `columnar`: the frames carry container samples and log entries as columns; the agent offers the encoding in
   * its hello and fails the run if the welcome does not accept it. Default `json`.
   */
  encoding?: Encoding;
};

export type IngestPlan = { agents: AgentPlan[]; copyRows: CopyRows; totalRows: number; totalBytes: number };

export type PlanOptions = {
  batches: number;
  containers: number;
  baseTime: number;
  encoding: Encoding;
  /**
   * The order of the raw `COPY` baseline's rows: `arrival` as agents send them (every host's
   * batch 1, then every host's batch 2…), the order the gateway gets and commits them in; `host`
   * host by host (all of one host's batches, then the next's), which keeps each host's index
   * inserts together and made `COPY` 13 % cheaper in bench:insert-floor (docs/benchmarks.md).
   */
  copyOrder: 'arrival' | 'host';
};

/**
 * Every batch of the run, generated and encoded before the clock starts so the simulator
 * spends its CPU on sockets, not on making frames. The first batch of each host carries
 * its full inventory (as a real agent's first batch after connecting does); later ones none.
 */
export function planAgents(hosts: readonly BenchHost[], options: PlanOptions): IngestPlan {
  const emptyRows = (): CopyRows => ({
    container_samples: [],
    host_samples: [],
    container_events: [],
    container_logs: [],
  });
  const copyRows = emptyRows();
  // Arrival order: each batch's lines kept by seq, joined batch 1 of every host first.
  const bySeq: CopyRows[] = [];
  let totalRows = 0;
  let totalBytes = 0;
  const agents = hosts.map((host, index): AgentPlan => {
    const frames: Buffer[] = [];
    const rows: number[] = [];
    for (let seq = 1; seq <= options.batches; seq += 1) {
      const frame = makeBatchFrame({
        seq,
        seed: index + 1,
        containers: options.containers,
        baseTime: options.baseTime,
        inventory: seq === 1 ? 'full' : 'none',
      });
      const sent = options.encoding === 'columnar' ? toColumnarBatch(frame) : frame;
      const encoded = Buffer.from(encodeFrame(sent));
      frames.push(encoded);
      rows.push(countBatchRows(frame));
      if (options.copyOrder === 'host') appendCopyRows(copyRows, host.orgId, host.hostId, frame);
      else {
        bySeq[seq - 1] ??= emptyRows();
        appendCopyRows(bySeq[seq - 1] as CopyRows, host.orgId, host.hostId, frame);
      }
      totalRows += countBatchRows(frame);
      totalBytes += encoded.byteLength;
    }
    return { host, frames, rows, encoding: options.encoding };
  });
  for (const rows of bySeq) {
    for (const table of COPY_TABLES) for (const line of rows[table]) copyRows[table].push(line);
  }
  return { agents, copyRows, totalRows, totalBytes };
}

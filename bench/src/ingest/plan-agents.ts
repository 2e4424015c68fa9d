import { type Encoding, encodeFrame, toColumnarBatch } from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import type { BenchHost } from '../shared/insert-hosts.js';
import { appendCopyRows, type CopyRows, countBatchRows } from './encode-copy-rows.js';

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

export type PlanOptions = { batches: number; containers: number; baseTime: number; encoding: Encoding };

/**
 * Every batch of the run, generated and encoded before the clock starts so the simulator
 * spends its CPU on sockets, not on making frames. The first batch of each host carries
 * its full inventory (as a real agent's first batch after connecting does); later ones none.
 */
export function planAgents(hosts: readonly BenchHost[], options: PlanOptions): IngestPlan {
  const copyRows: CopyRows = {
    container_samples: [],
    host_samples: [],
    container_events: [],
    container_logs: [],
  };
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
      appendCopyRows(copyRows, host.orgId, host.hostId, frame);
      totalRows += countBatchRows(frame);
      totalBytes += encoded.byteLength;
    }
    return { host, frames, rows, encoding: options.encoding };
  });
  return { agents, copyRows, totalRows, totalBytes };
}

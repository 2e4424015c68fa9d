import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame } from '@berth/protocol';
import { makeBatchFrame, makeHelloFrame } from '@berth/protocol/testing';
import { silentLogger } from '../../cli/logger.js';
import { Spool } from '../../spool/spool.js';
import { AgentConnection, type AgentConnectionOptions, type StateChange } from '../agent-connection.js';
import type { ConnectionState } from '../connection-states.js';

export const TEST_CREDENTIAL = 'bhc_test-credential';

/** Records state changes so a test can await "the n-th time the connection reached `state`". */
export class StateLog extends EventEmitter {
  readonly changes: StateChange[] = [];

  record = (change: StateChange): void => {
    this.changes.push(change);
    this.emit('change', change);
  };

  count(state: ConnectionState): number {
    return this.changes.filter((change) => change.to === state).length;
  }

  async reach(state: ConnectionState, times = 1): Promise<StateChange> {
    for (;;) {
      const hits = this.changes.filter((change) => change.to === state);
      const hit = hits[times - 1];
      if (hit) return hit;
      await once(this, 'change');
    }
  }
}

export type Harness = {
  stateDir: string;
  spool: Spool;
  states: StateLog;
  connect: (url: string, options?: Partial<AgentConnectionOptions>) => AgentConnection;
  /** The connection created last. */
  connection: () => AgentConnection;
  spoolBatches: (count: number) => Promise<number[]>;
  cleanup: () => Promise<void>;
};

export async function createHarness(spoolMaxBytes?: number): Promise<Harness> {
  const stateDir = await mkdtemp(join(tmpdir(), 'berth-conn-'));
  const spool = await Spool.open({ stateDir, ...(spoolMaxBytes ? { maxBytes: spoolMaxBytes } : {}) });
  const states = new StateLog();
  const connections: AgentConnection[] = [];
  const hello = makeHelloFrame();
  return {
    stateDir,
    spool,
    states,
    connect: (url, options = {}) => {
      const connection = new AgentConnection({
        url,
        credential: TEST_CREDENTIAL,
        spool,
        log: silentLogger(),
        hello: async () => ({
          agentVersion: hello.agentVersion,
          host: hello.host,
          capabilities: ['actions'],
        }),
        onStateChange: states.record,
        timing: {
          backoff: { baseMs: 5, capMs: 20 },
          restartJitterMs: 5,
          rateLimitedMinMs: 5,
          closeTimeoutMs: 200,
        },
        ...options,
      });
      connections.push(connection);
      connection.start();
      return connection;
    },
    connection: () => {
      const last = connections.at(-1);
      if (!last) throw new Error('no connection yet');
      return last;
    },
    spoolBatches: async (count) => {
      const seqs: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const { seq } = await spool.append(({ seq, gap }) =>
          encodeFrame(makeBatchFrame({ seq, containers: 2, inventory: 'none', ...(gap ? { gap } : {}) })),
        );
        seqs.push(seq);
      }
      return seqs;
    },
    cleanup: async () => {
      for (const connection of connections) await connection.shutdown({ waitForAcksMs: 0 });
      // An ack that arrived just before shutdown may still be moving a spool file: retry
      // the removal rather than fail on ENOTEMPTY.
      await rm(stateDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}

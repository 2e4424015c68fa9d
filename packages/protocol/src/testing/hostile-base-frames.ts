import type { AgentFrame, AgentFrameType } from '../schemas/frames.js';
import { toLogColumns } from '../schemas/log-columns.js';
import { toContainerSampleColumns } from '../schemas/sample-columns.js';
import { makeBatchFrame } from './make-batch-frame.js';
import {
  makeExecCloseFrame,
  makeExecErrorFrame,
  makeExecOpenedFrame,
  makeExecStdoutFrame,
} from './make-exec-frames.js';
import {
  makeActionProgressFrame,
  makeActionResultFrame,
  makeConfigAckFrame,
  makeHelloFrame,
  makeLogLinesFrame,
  makePingFrame,
  makePongFrame,
} from './make-frames.js';
import { makeImageCheckResultFrame } from './make-image-check-frames.js';
import type { Random } from './random.js';

/**
 * A small valid frame of `type`, varied by `rng` so repeated rounds differ. Small batches keep the
 * hostile set cheap to send; every optional part the field specs touch is present.
 */
export function baseAgentFrame(type: AgentFrameType, rng: Random): AgentFrame {
  switch (type) {
    case 'hello':
      return makeHelloFrame({ lastAckedSeq: rng.int(0, 100_000) });
    case 'batch': {
      const frame = makeBatchFrame({
        seq: rng.int(1, 1_000_000),
        containers: rng.int(2, 4),
        logLinesPerContainer: 1,
        events: 2,
        seed: rng.int(1, 1_000_000),
      });
      // The same containers' next readings as columns (1 s later, so no row repeats a row).
      const later = frame.containerSamples.map((s) => ({
        ...s,
        ts: new Date(Date.parse(s.ts) + 1000).toISOString(),
      }));
      // Its log entries again as columns, the dropped marker included (stored after the rows).
      return {
        ...frame,
        containerSampleColumns: toContainerSampleColumns(later),
        logColumns: toLogColumns(frame.logs),
      };
    }
    case 'action_result':
      return makeActionResultFrame({ id: rng.uuid() });
    case 'action_progress':
      return makeActionProgressFrame({ id: rng.uuid(), percent: rng.int(0, 100) });
    case 'log_lines':
      return makeLogLinesFrame({ streamId: rng.uuid(), ended: false, error: 'none' });
    case 'exec_opened':
      return makeExecOpenedFrame({ sessionId: rng.uuid() });
    case 'exec_error':
      return makeExecErrorFrame({ sessionId: rng.uuid() });
    case 'exec_stdout':
      return makeExecStdoutFrame({ sessionId: rng.uuid(), seq: rng.int(1, 1_000_000) });
    case 'exec_close':
      return makeExecCloseFrame({ sessionId: rng.uuid(), exitCode: rng.int(0, 255) });
    case 'config_ack':
      return makeConfigAckFrame({ version: rng.int(0, 1_000_000) });
    case 'image_check_result':
      return makeImageCheckResultFrame({
        requestId: rng.uuid(),
        results: [
          {
            id: rng.uuid(),
            status: 'error',
            remoteDigest: `sha256:${'0f'.repeat(32)}`,
            platformChildren: [{ digest: `sha256:${'1e'.repeat(32)}`, platformDigest: null }],
            error: 'unauthorized',
          },
        ],
      });
    case 'ping':
      return makePingFrame(rng.int(0, 2 ** 40));
    case 'pong':
      return makePongFrame(rng.int(0, 2 ** 40));
  }
}

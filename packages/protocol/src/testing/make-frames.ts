import type { ActionFrame, ActionProgressFrame, ActionResultFrame } from '../schemas/actions.js';
import type { AckFrame } from '../schemas/batch.js';
import type { ConfigAckFrame, ConfigFrame } from '../schemas/check-config.js';
import type { ErrorFrame, PingFrame, PongFrame } from '../schemas/control.js';
import type { AgentFrame, GatewayFrame } from '../schemas/frames.js';
import type { HelloFrame, WelcomeFrame } from '../schemas/handshake.js';
import type { LogLinesFrame, LogsFollowFrame, LogsStopFrame } from '../schemas/live-logs.js';
import { makeBatchFrame, makeColumnarBatchFrame } from './make-batch-frame.js';
import {
  makeExecAckFrame,
  makeExecCloseFrame,
  makeExecErrorFrame,
  makeExecOpenedFrame,
  makeExecOpenFrame,
  makeExecResizeFrame,
  makeExecStdinFrame,
  makeExecStdoutFrame,
} from './make-exec-frames.js';
import { makeImageCheckFrame, makeImageCheckResultFrame } from './make-image-check-frames.js';

/** Fixed ids so tests can refer to them. */
export const TEST_HOST_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const TEST_ACTION_ID = '0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a';
export const TEST_STREAM_ID = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';
const TEST_TIME = '2025-01-01T00:00:00.000Z';

export function makeHelloFrame(overrides: Partial<HelloFrame> = {}): HelloFrame {
  return {
    type: 'hello',
    protocol: 1,
    agentVersion: '1.4.2',
    host: {
      hostname: 'prod-eu-1',
      os: 'Debian GNU/Linux 12 (bookworm)',
      kernel: '6.1.0-25-amd64',
      arch: 'x64',
      cpus: 8,
      memTotal: 16 * 1024 * 1024 * 1024,
      dockerVersion: '27.3.1',
      machineId: '5e1f0b6a9c2d4e7f8a3b1c0d2e4f6a8b',
    },
    capabilities: ['actions', 'logs', 'live_logs', 'self_update'],
    encodings: ['json'],
    lastAckedSeq: 0,
    ...overrides,
  };
}

export function makeWelcomeFrame(overrides: Partial<WelcomeFrame> = {}): WelcomeFrame {
  return {
    type: 'welcome',
    hostId: TEST_HOST_ID,
    serverTime: TEST_TIME,
    intervals: { batchMs: 10_000, pingMs: 30_000 },
    limits: {
      maxFrameBytes: 4 * 1024 * 1024,
      maxItemsPerBatch: 20_000,
      maxFramesPerSecond: 50,
      maxUnackedBatches: 16,
    },
    resumeFromSeq: 0,
    currentAgentVersion: '1.4.2',
    ...overrides,
  };
}

export function makeAckFrame(overrides: Partial<AckFrame> = {}): AckFrame {
  return { type: 'ack', seq: 1, status: 'committed', ...overrides };
}

export function makeActionFrame(overrides: Partial<ActionFrame> = {}): ActionFrame {
  return {
    type: 'action',
    id: TEST_ACTION_ID,
    verb: 'restart',
    target: { containerId: '0123456789ab' },
    params: { timeoutS: 10 },
    deadline: '2025-01-01T00:05:00.000Z',
    ...overrides,
  };
}

export function makeActionResultFrame(overrides: Partial<ActionResultFrame> = {}): ActionResultFrame {
  return {
    type: 'action_result',
    id: TEST_ACTION_ID,
    status: 'succeeded',
    output: 'restarted shop-web-1 in 1.8 s',
    startedAt: TEST_TIME,
    finishedAt: '2025-01-01T00:00:01.800Z',
    ...overrides,
  };
}

export function makeActionProgressFrame(overrides: Partial<ActionProgressFrame> = {}): ActionProgressFrame {
  return {
    type: 'action_progress',
    id: TEST_ACTION_ID,
    stage: 'pulling',
    percent: 42,
    detail: 'Downloading 3 of 7 layers',
    ...overrides,
  };
}

export function makePingFrame(ts = Date.parse(TEST_TIME)): PingFrame {
  return { type: 'ping', ts };
}

export function makePongFrame(ts = Date.parse(TEST_TIME)): PongFrame {
  return { type: 'pong', ts };
}

export function makeErrorFrame(overrides: Partial<ErrorFrame> = {}): ErrorFrame {
  return { type: 'error', code: 4000, message: 'batch.seq: expected number, received string', ...overrides };
}

export function makeLogsFollowFrame(overrides: Partial<LogsFollowFrame> = {}): LogsFollowFrame {
  return {
    type: 'logs_follow',
    streamId: TEST_STREAM_ID,
    containerId: '0123456789ab',
    tail: 100,
    ...overrides,
  };
}

export function makeLogsStopFrame(overrides: Partial<LogsStopFrame> = {}): LogsStopFrame {
  return { type: 'logs_stop', streamId: TEST_STREAM_ID, ...overrides };
}

export function makeLogLinesFrame(overrides: Partial<LogLinesFrame> = {}): LogLinesFrame {
  return {
    type: 'log_lines',
    streamId: TEST_STREAM_ID,
    lines: [
      { ts: '2025-01-01T00:00:00.123456789Z', stream: 'stdout', line: 'listening on :8080' },
      { ts: '2025-01-01T00:00:00.223456789Z', stream: 'stderr', dropped: 4 },
    ],
    ...overrides,
  };
}

/** One valid frame of every type an agent sends, varied where the schema has alternatives. */
export function makeConfigFrame(overrides: Partial<ConfigFrame> = {}): ConfigFrame {
  return {
    type: 'config',
    version: 3,
    checks: [
      {
        id: '0b7e8c2a-1f3d-4e5a-8b9c-7d6e5f4a3b2c',
        version: 2,
        containerName: 'web',
        name: 'health',
        kind: 'http',
        target: 'http://{{ip}}:{{port:8080}}/health',
        intervalS: 30,
        timeoutMs: 10_000,
        retries: 1,
        http: {
          method: 'GET',
          headers: {},
          expectStatus: { min: 200, max: 299 },
          followRedirects: true,
          skipTlsVerify: false,
          certExpiryWarnDays: 14,
        },
      },
    ],
    ...overrides,
  };
}

export function makeConfigAckFrame(overrides: Partial<ConfigAckFrame> = {}): ConfigAckFrame {
  return { type: 'config_ack', version: 3, ...overrides };
}

export function makeAgentFrames(): AgentFrame[] {
  return [
    makeHelloFrame(),
    omit(makeHelloFrame({ capabilities: ['read_only', 'logs'], lastAckedSeq: 41 }), 'encodings'),
    makeBatchFrame({ seq: 1 }),
    makeColumnarBatchFrame({ seq: 2 }),
    makeBatchFrame({
      seq: 9,
      containers: 0,
      inventory: 'none',
      gap: { droppedBatches: 3, fromSeq: 5, toSeq: 7 },
    }),
    makeActionResultFrame(),
    omit(omit(makeActionResultFrame({ status: 'running', output: '' }), 'startedAt'), 'finishedAt'),
    makeActionProgressFrame(),
    omit(makeActionProgressFrame({ stage: 'waiting_healthy', percent: null }), 'detail'),
    makeLogLinesFrame(),
    makeLogLinesFrame({ lines: [], ended: true, error: 'container exited' }),
    makeExecOpenedFrame(),
    makeExecErrorFrame(),
    makeExecStdoutFrame(),
    makeExecCloseFrame(),
    makeExecCloseFrame({ reason: 'the container stopped', exitCode: null }),
    makeConfigAckFrame(),
    makeImageCheckResultFrame(),
    makeImageCheckResultFrame({
      results: [{ id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', status: 'error', error: 'unauthorized' }],
    }),
    makePingFrame(),
    makePongFrame(),
  ];
}

/** One valid frame of every type a gateway sends. */
export function makeGatewayFrames(): GatewayFrame[] {
  return [
    makeWelcomeFrame(),
    makeWelcomeFrame({ encodings: ['json', 'columnar'] }),
    makeAckFrame(),
    makeAckFrame({ seq: 7, status: 'duplicate' }),
    makeActionFrame(),
    makeActionFrame({ verb: 'kill', params: { signal: 'SIGHUP' }, target: { containerId: 'ab'.repeat(32) } }),
    makeActionFrame({
      verb: 'container.update',
      params: { image: '127.0.0.1:5000/team/app:1.2.4', healthTimeoutS: 60, timeoutS: 10 },
    }),
    makeActionFrame({ verb: 'update', target: {}, params: {} }),
    makeLogsFollowFrame({ since: '2025-01-01T00:00:00Z' }),
    makeLogsStopFrame(),
    makeExecOpenFrame(),
    makeExecOpenFrame({ cmd: ['/bin/bash', '-l'], tty: false, user: '1000:1000' }),
    makeExecStdinFrame(),
    makeExecResizeFrame(),
    makeExecAckFrame(),
    omit(makeExecCloseFrame({ reason: 'idle for 10 minutes' }), 'exitCode'),
    makeConfigFrame(),
    makeConfigFrame({ version: 0, checks: [] }),
    makeConfigFrame({
      autoheal: [
        {
          containerName: 'web',
          mode: 'on-failure',
          maxAttempts: 5,
          windowMs: 1_800_000,
          backoffMs: 10_000,
          backoffMaxMs: 300_000,
        },
      ],
    }),
    makeImageCheckFrame(),
    makeImageCheckFrame({ credentials: [{ registry: 'ghcr.io', username: 'ci', password: 'token' }] }),
    makeErrorFrame(),
    makePingFrame(),
    makePongFrame(),
  ];
}

/** Drops an optional key entirely (JSON has no `undefined`, so a round trip would not keep it). */
function omit<T extends object, K extends keyof T>(value: T, key: K): T {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

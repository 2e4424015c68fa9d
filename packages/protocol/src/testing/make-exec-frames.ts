import type {
  ExecAckFrame,
  ExecCloseFrame,
  ExecErrorFrame,
  ExecOpenedFrame,
  ExecOpenFrame,
  ExecResizeFrame,
  ExecStdinFrame,
  ExecStdoutFrame,
} from '../schemas/exec.js';

export const TEST_EXEC_SESSION_ID = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

export function makeExecOpenFrame(overrides: Partial<ExecOpenFrame> = {}): ExecOpenFrame {
  return {
    type: 'exec_open',
    sessionId: TEST_EXEC_SESSION_ID,
    containerId: '0123456789ab',
    cmd: ['/bin/sh'],
    tty: true,
    cols: 80,
    rows: 24,
    ...overrides,
  };
}

export function makeExecOpenedFrame(overrides: Partial<ExecOpenedFrame> = {}): ExecOpenedFrame {
  return { type: 'exec_opened', sessionId: TEST_EXEC_SESSION_ID, window: 256 * 1024, ...overrides };
}

export function makeExecErrorFrame(overrides: Partial<ExecErrorFrame> = {}): ExecErrorFrame {
  return {
    type: 'exec_error',
    sessionId: TEST_EXEC_SESSION_ID,
    reason: 'exec is disabled on this host: start the agent with --allow-exec',
    ...overrides,
  };
}

export function makeExecStdinFrame(overrides: Partial<ExecStdinFrame> = {}): ExecStdinFrame {
  return {
    type: 'exec_stdin',
    sessionId: TEST_EXEC_SESSION_ID,
    seq: 1,
    data: Buffer.from('echo hi\r').toString('base64'),
    ...overrides,
  };
}

export function makeExecStdoutFrame(overrides: Partial<ExecStdoutFrame> = {}): ExecStdoutFrame {
  return {
    type: 'exec_stdout',
    sessionId: TEST_EXEC_SESSION_ID,
    seq: 1,
    data: Buffer.from('hi\r\n/ # ').toString('base64'),
    ...overrides,
  };
}

export function makeExecResizeFrame(overrides: Partial<ExecResizeFrame> = {}): ExecResizeFrame {
  return { type: 'exec_resize', sessionId: TEST_EXEC_SESSION_ID, cols: 132, rows: 43, ...overrides };
}

export function makeExecAckFrame(overrides: Partial<ExecAckFrame> = {}): ExecAckFrame {
  return { type: 'exec_ack', sessionId: TEST_EXEC_SESSION_ID, consumed: 65_536, ...overrides };
}

export function makeExecCloseFrame(overrides: Partial<ExecCloseFrame> = {}): ExecCloseFrame {
  return { type: 'exec_close', sessionId: TEST_EXEC_SESSION_ID, reason: 'exited', exitCode: 0, ...overrides };
}

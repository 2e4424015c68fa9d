import type { HostileCase } from './hostile-types.js';
import { makeBatchFrame } from './make-batch-frame.js';
import { makeActionResultFrame, makeHelloFrame } from './make-frames.js';

const valid = (
  name: string,
  build: HostileCase['build'],
  phase: HostileCase['phase'] = 'session',
): HostileCase => ({
  name,
  category: 'schema-valid',
  phase,
  expectedCloseCode: null,
  build,
});

/**
 * Frames the schema accepts on purpose (unknown fields are ignored so v1 can grow) but that mean
 * something hostile or odd. Whether to close, ignore or log is the gateway's decision.
 */
export const SCHEMA_VALID_CASES: readonly HostileCase[] = [
  valid('unknown top-level field (ignored)', (rng) =>
    JSON.stringify({ ...makeBatchFrame({ seq: rng.int(1, 1e6), containers: 1 }), orgId: rng.uuid() }),
  ),
  valid(
    '__proto__ key in a frame (stripped)',
    (rng) => `{"type":"ping","ts":${rng.int(0, 1e6)},"__proto__":{"admin":true}}`,
  ),
  valid('duplicate key, last value valid', () => '{"type":"ping","ts":-1,"ts":5}'),
  valid(
    'unknown capability (dropped)',
    () => JSON.stringify({ ...makeHelloFrame(), capabilities: ['actions', 'root_shell'] }),
    'handshake',
  ),
  valid('seq rewinds to 1', () => JSON.stringify(makeBatchFrame({ seq: 1, containers: 1 }))),
  valid('result for an action never sent', (rng) =>
    JSON.stringify(makeActionResultFrame({ id: rng.uuid() })),
  ),
  valid('samples for containers never reported', (rng) => {
    const frame = makeBatchFrame({
      seq: rng.int(1, 1e6),
      containers: 2,
      inventory: 'none',
      seed: rng.int(1, 1e9),
    });
    return JSON.stringify(frame);
  }),
  valid('timestamps in the year 2999', () =>
    JSON.stringify(makeBatchFrame({ containers: 1 })).replaceAll('"2025-', '"2999-'),
  ),
  valid('lone surrogate in a log line', () =>
    JSON.stringify(makeBatchFrame({ containers: 1 })).replace('"line":"', '"line":"\\ud800'),
  ),
];

import { LIMITS } from '../limits.js';
import type { AgentFrameType } from '../schemas/frames.js';
import {
  BAD_ARRAY,
  BAD_COUNT,
  BAD_CPU,
  BAD_SEQ,
  BAD_SHORT_ID,
  BAD_UUID,
  badEnum,
  badRecord,
  badText,
  badTimestamps,
  MISSING,
  raw,
  badValue as v,
} from './bad-values.js';
import { type FieldSpec, fieldSpec as f } from './field-spec.js';
import { INVENTORY_SPECS } from './hostile-inventory-specs.js';

const counts = (frame: AgentFrameType, prefix: string, names: readonly string[]) =>
  names.map((name) => f(frame, `${prefix}${name}`, BAD_COUNT));
const load = [
  v('-0.1', -0.1),
  v('"1.0"', '1.0'),
  v('1e400', raw('1e400')),
  v('null', null),
  v('missing', MISSING),
];

const helloSpecs: FieldSpec[] = [
  f('hello', 'protocol', [
    v('"1"', '1'),
    v('1.5', 1.5),
    v('0', 0),
    v('-1', -1),
    v('null', null),
    v('true', true),
    v('1e400', raw('1e400')),
    v('missing', MISSING),
  ]),
  f('hello', 'agentVersion', [
    v('"latest"', 'latest'),
    v('"1.2"', '1.2'),
    v('"v1.2.3"', 'v1.2.3'),
    v('""', ''),
    v('number', 123),
    v('70 chars', `1.2.3-${'a'.repeat(64)}`),
    v('missing', MISSING),
  ]),
  f('hello', 'host', [v('null', null), v('string', 'prod-1'), v('[]', []), v('missing', MISSING)]),
  f('hello', 'host.hostname', [...badText(255), v('""', '')]),
  f('hello', 'host.os', badText(256)),
  f('hello', 'host.kernel', badText(256)),
  f('hello', 'host.arch', badText(64)),
  f('hello', 'host.cpus', [
    v('0', 0),
    v('-1', -1),
    v('1.5', 1.5),
    v('"8"', '8'),
    v('65537', 65_537),
    v('null', null),
  ]),
  f('hello', 'host.memTotal', BAD_COUNT),
  f('hello', 'host.dockerVersion', [v('number', 27), v('65 chars', 'x'.repeat(65)), v('missing', MISSING)]),
  f('hello', 'host.machineId', [v('number', 1), v('129 chars', 'a'.repeat(129)), v('null', null)]),
  f('hello', 'capabilities', [
    v('string', 'actions'),
    v('{}', {}),
    v('null', null),
    v('numbers', [1]),
    v(
      '33 entries',
      Array.from({ length: 33 }, () => 'logs'),
    ),
    v('65-char entry', ['x'.repeat(65)]),
    v('missing', MISSING),
  ]),
  f('hello', 'encodings', [v('string', 'json'), v('[null]', [null]), v('{}', {})]),
  f('hello', 'lastAckedSeq', BAD_COUNT),
];

const FEW_BAD_COUNTS = new Set(['-1', '1.5', '"12"', '1e400']);
const BAD_COLUMN = [...BAD_ARRAY.filter((bad) => bad.label !== 'numbers'), v('one element', [1])];

const sampleSpecs: FieldSpec[] = [
  f('batch', 'seq', BAD_SEQ),
  f('batch', 'sentAt', badTimestamps()),
  f('batch', 'containerSamples', BAD_ARRAY),
  f('batch', 'containerSamples.*', [v('null', null), v('string', 'sample'), v('[]', [])]),
  f('batch', 'containerSamples.*.containerId', BAD_SHORT_ID),
  f('batch', 'containerSamples.*.ts', badTimestamps()),
  f('batch', 'containerSamples.*.cpuPct', BAD_CPU),
  // Optional (absent is valid), but when present a finite, non-negative number of seconds.
  f('batch', 'containerSamples.*.cpuSeconds', [
    v('-0.5', -0.5),
    v('"12.5"', '12.5'),
    v('null', null),
    v('1e400', raw('1e400')),
    v('1.3e13', 1.3e13),
    v('"NaN"', 'NaN'),
  ]),
  ...counts('batch', 'containerSamples.*.', [
    'memBytes',
    'memLimit',
    'netRx',
    'netTx',
    'blkRead',
    'blkWrite',
    'pids',
  ]),
  // Columns: each element is checked by a loop, not a schema per element (sample-columns.ts).
  // The base batch has 2–4 samples, so a one-element column is always the wrong length.
  f('batch', 'containerSampleColumns', [v('null', null), v('[]', []), v('string', 'columns')]),
  f('batch', 'containerSampleColumns.containerId', BAD_COLUMN),
  f(
    'batch',
    'containerSampleColumns.containerId.*',
    BAD_SHORT_ID.filter((bad) => bad.value !== MISSING),
  ),
  f('batch', 'containerSampleColumns.tsMicros', BAD_COLUMN),
  f('batch', 'containerSampleColumns.tsMicros.*', [
    ...BAD_COUNT.filter((bad) => bad.value !== MISSING),
    v('ISO string', '2025-01-01T00:00:00Z'),
  ]),
  f('batch', 'containerSampleColumns.cpuPct', BAD_COLUMN),
  f(
    'batch',
    'containerSampleColumns.cpuPct.*',
    BAD_CPU.filter((bad) => bad.value !== MISSING),
  ),
  f(
    'batch',
    'containerSampleColumns.cpuSeconds',
    BAD_COLUMN.filter((bad) => bad.value !== MISSING),
  ),
  f('batch', 'containerSampleColumns.cpuSeconds.*', [
    v('-0.5', -0.5),
    v('"12.5"', '12.5'),
    v('1e400', raw('1e400')),
    v('1.3e13', 1.3e13),
    v('"NaN"', 'NaN'),
  ]),
  // Every count column runs the same loop over its bounds: all bad counts on two, a few on the rest.
  ...['memBytes', 'memLimit', 'netRx', 'netTx', 'blkRead', 'blkWrite', 'pids'].flatMap((name, index) => [
    f('batch', `containerSampleColumns.${name}`, BAD_COLUMN),
    f(
      'batch',
      `containerSampleColumns.${name}.*`,
      BAD_COUNT.filter((bad) => bad.value !== MISSING && (index % 6 === 0 || FEW_BAD_COUNTS.has(bad.label))),
    ),
  ]),
  f('batch', 'hostSamples', BAD_ARRAY),
  f('batch', 'hostSamples.*.ts', badTimestamps()),
  f('batch', 'hostSamples.*.cpuPct', [v('-1', -1), v('100.5', 100.5), v('"50"', '50'), ...load.slice(2)]),
  f('batch', 'hostSamples.*.load1', load),
  f('batch', 'hostSamples.*.load5', load),
  f('batch', 'hostSamples.*.load15', load),
  ...counts('batch', 'hostSamples.*.', ['memUsed', 'memTotal', 'swapUsed', 'swapTotal', 'netRx', 'netTx']),
  f('batch', 'hostSamples.*.disks', [
    ...BAD_ARRAY,
    v(
      `${LIMITS.maxDisksPerHost + 1} disks`,
      Array.from({ length: LIMITS.maxDisksPerHost + 1 }, (_, i) => disk(i)),
    ),
  ]),
  f('batch', 'hostSamples.*.disks.*.mount', [...badText(1024), v('""', '')]),
  f('batch', 'hostSamples.*.disks.*.used', BAD_COUNT),
  f('batch', 'hostSamples.*.disks.*.total', BAD_COUNT),
];

const recordSpecs: FieldSpec[] = [
  f('batch', 'events', BAD_ARRAY),
  f('batch', 'events.*.containerId', BAD_SHORT_ID),
  f('batch', 'events.*.ts', badTimestamps()),
  f('batch', 'events.*.action', [...badText(1024), v('""', '')]),
  f('batch', 'events.*.attributes', badRecord(LIMITS.maxEventAttributes)),
  f('batch', 'events.*.count', [
    v('0', 0),
    v('-1', -1),
    v('1.5', 1.5),
    v('"2"', '2'),
    v('null', null),
    v('missing', MISSING),
  ]),
  f('batch', 'logs', BAD_ARRAY),
  f('batch', 'logs.*.containerId', BAD_SHORT_ID),
  f('batch', 'logs.*.ts', badTimestamps()),
  f('batch', 'logs.*.stream', badEnum('stdout')),
  f('batch', 'logs.*.line', badText(LIMITS.maxLogLineBytes)),
  f('batch', 'logs.*.dropped', [
    v('0', 0),
    v('-3', -3),
    v('1.5', 1.5),
    v('"17"', '17'),
    v('null', null),
    v('missing', MISSING),
  ]),
  // Log columns: the base batch's entries again, its last a dropped marker (line null there).
  f('batch', 'logColumns', [v('null', null), v('[]', []), v('string', 'columns')]),
  f('batch', 'logColumns.containerId', BAD_COLUMN),
  f(
    'batch',
    'logColumns.containerId.*',
    BAD_SHORT_ID.filter((bad) => bad.value !== MISSING),
  ),
  f('batch', 'logColumns.tsMicros', BAD_COLUMN),
  f('batch', 'logColumns.tsMicros.*', [
    ...BAD_COUNT.filter((bad) => bad.value !== MISSING),
    v('ISO string', '2025-01-01T00:00:00Z'),
  ]),
  f('batch', 'logColumns.stream', BAD_COLUMN),
  f(
    'batch',
    'logColumns.stream.*',
    badEnum('stdout').filter((bad) => bad.value !== MISSING),
  ),
  f('batch', 'logColumns.line', BAD_COLUMN),
  // Not null: null is a marker's line. A string where a marker is refused too (both set).
  f(
    'batch',
    'logColumns.line.*',
    badText(LIMITS.maxLogLineBytes, false).filter((bad) => bad.value !== null),
  ),
  f(
    'batch',
    'logColumns.dropped',
    BAD_COLUMN.filter((bad) => bad.value !== MISSING),
  ),
  // Not null: null is a line's count. A count where a line is refused too (both set).
  f('batch', 'logColumns.dropped.*', [
    v('0', 0),
    v('-3', -3),
    v('1.5', 1.5),
    v('"17"', '17'),
    v('1e400', raw('1e400')),
  ]),
  f('batch', 'health', BAD_ARRAY),
  f('batch', 'health.*.containerId', BAD_SHORT_ID),
  f('batch', 'health.*.ts', badTimestamps()),
  f('batch', 'health.*.status', badEnum('healthy')),
  f('batch', 'health.*.exitCode', [
    v('1.5', 1.5),
    v('"0"', '0'),
    v('2^31', 2 ** 31),
    v('null', null),
    v('missing', MISSING),
  ]),
  f('batch', 'health.*.output', badText(LIMITS.maxHealthOutputBytes)),
];

const otherSpecs: FieldSpec[] = [
  f('action_result', 'id', BAD_UUID),
  f('action_result', 'status', badEnum('succeeded')),
  f('action_result', 'output', badText(LIMITS.maxActionOutputBytes)),
  f(
    'action_result',
    'startedAt',
    badTimestamps().filter((bad) => bad.value !== MISSING),
  ),
  f(
    'action_result',
    'finishedAt',
    badTimestamps().filter((bad) => bad.value !== MISSING),
  ),
  f('action_progress', 'id', BAD_UUID),
  f('action_progress', 'stage', badEnum('pulling')),
  f('action_progress', 'percent', [
    v('101', 101),
    v('-1', -1),
    v('1.5', 1.5),
    v('"50"', '50'),
    v('missing', MISSING),
  ]),
  f('action_progress', 'detail', badText(200, false)),
  f('log_lines', 'streamId', BAD_UUID),
  f('log_lines', 'lines', BAD_ARRAY),
  f('log_lines', 'lines.*.ts', badTimestamps()),
  f('log_lines', 'lines.*.stream', badEnum('stdout')),
  f('log_lines', 'lines.*.line', badText(LIMITS.maxLogLineBytes)),
  f('log_lines', 'ended', [v('"yes"', 'yes'), v('1', 1), v('null', null)]),
  f('log_lines', 'error', badText(LIMITS.maxErrorMessageBytes, false)),
  f('config_ack', 'version', BAD_COUNT),
  f('ping', 'ts', BAD_COUNT),
  f('pong', 'ts', BAD_COUNT),
  f('image_check_result', 'requestId', BAD_UUID),
  f('image_check_result', 'results', BAD_ARRAY),
  f('image_check_result', 'results.*.status', badEnum('up_to_date')),
  f('image_check_result', 'results.*.remoteDigest', [v('not a digest', 'sha256:xyz'), v('null', null)]),
  f(
    'image_check_result',
    'results.*.platformChildren',
    BAD_ARRAY.filter((bad) => bad.value !== MISSING),
  ),
  f('image_check_result', 'results.*.platformChildren.*.digest', [
    v('not a digest', 'sha256:xyz'),
    v('null', null),
  ]),
  f('image_check_result', 'results.*.platformChildren.*.platformDigest', [v('not a digest', 'md5:00')]),
  f('image_check_result', 'results.*.error', badText(LIMITS.maxErrorMessageBytes, false)),
  ...execSpecs(),
];

function execSpecs(): FieldSpec[] {
  const badData = [
    v('not base64', 'not base64!'),
    v('64 KiB + 3 bytes', 'QUJD'.repeat(21_847)),
    v('null', null),
    v('missing', MISSING),
  ];
  return [
    f('exec_opened', 'sessionId', BAD_UUID),
    f('exec_opened', 'window', [
      v('0', 0),
      v('5 MiB', 5 * 1024 * 1024),
      v('"1"', '1'),
      v('missing', MISSING),
    ]),
    f('exec_error', 'reason', badText(LIMITS.maxErrorMessageBytes)),
    f('exec_stdout', 'sessionId', BAD_UUID),
    f('exec_stdout', 'seq', BAD_SEQ),
    f('exec_stdout', 'data', badData),
    f('exec_close', 'reason', badText(LIMITS.maxErrorMessageBytes)),
    f('exec_close', 'exitCode', [v('1.5', 1.5), v('"0"', '0'), v('2^31', 2 ** 31)]),
  ];
}

export type { FieldSpec };

export const FIELD_SPECS: readonly FieldSpec[] = [
  ...helloSpecs,
  ...sampleSpecs,
  ...INVENTORY_SPECS,
  ...recordSpecs,
  ...otherSpecs,
];

function disk(index: number) {
  return { mount: `/mnt/d${index}`, used: 1, total: 2 };
}

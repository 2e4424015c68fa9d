import { LIMITS } from '../limits.js';
import {
  BAD_ARRAY,
  BAD_BOOLEAN,
  BAD_COUNT,
  BAD_FULL_ID,
  badEnum,
  badRecord,
  badText,
  badTimestamps,
  MISSING,
  raw,
  badValue as v,
} from './bad-values.js';
import { type FieldSpec, fieldSpec as f } from './field-spec.js';

export const INVENTORY_SPECS: FieldSpec[] = [
  f('batch', 'inventory', [v('null', null), v('[]', []), v('"full"', 'full')]),
  f('batch', 'inventory.full', BAD_BOOLEAN),
  f('batch', 'inventory.containers', BAD_ARRAY),
  f('batch', 'inventory.removed', [...BAD_ARRAY, v('64-hex id', ['ab'.repeat(32)]), v('not hex', ['ABC'])]),
  f('batch', 'inventory.containers.*.id', BAD_FULL_ID),
  f('batch', 'inventory.containers.*.name', [...badText(256), v('""', '')]),
  f('batch', 'inventory.containers.*.image', badText(1024)),
  f('batch', 'inventory.containers.*.imageId', [
    v('short hex', 'sha256:abc'),
    v('sha1 prefix', `sha1:${'a'.repeat(64)}`),
    v('12 hex', 'abcdef012345'),
    v('missing', MISSING),
  ]),
  f('batch', 'inventory.containers.*.labels', badRecord(LIMITS.maxLabels)),
  f('batch', 'inventory.containers.*.state', badEnum('running')),
  f('batch', 'inventory.containers.*.health', badEnum('healthy')),
  f('batch', 'inventory.containers.*.restartCount', BAD_COUNT),
  f('batch', 'inventory.containers.*.ports', [
    ...BAD_ARRAY,
    v(
      `${LIMITS.maxPortsPerContainer + 1} ports`,
      Array.from({ length: LIMITS.maxPortsPerContainer + 1 }, port),
    ),
  ]),
  f('batch', 'inventory.containers.*.ports.*.privatePort', [
    v('0', 0),
    v('65536', 65_536),
    v('-1', -1),
    v('"80"', '80'),
    v('80.5', 80.5),
    v('null', null),
    v('missing', MISSING),
  ]),
  f('batch', 'inventory.containers.*.ports.*.publicPort', [
    v('0', 0),
    v('70000', 70_000),
    v('"8080"', '8080'),
  ]),
  f('batch', 'inventory.containers.*.ports.*.type', badEnum('tcp')),
  f('batch', 'inventory.containers.*.ports.*.ip', [
    v('words', 'not an ip'),
    v('46 chars', '1'.repeat(46)),
    v('number', 127),
  ]),
  f('batch', 'inventory.containers.*.createdAt', badTimestamps()),
  f('batch', 'inventory.containers.*.startedAt', badTimestamps(true)),
  f('batch', 'inventory.containers.*.finishedAt', badTimestamps(true)),
  f('batch', 'inventory.containers.*.exitCode', [
    v('1.5', 1.5),
    v('"0"', '0'),
    v('2^31', 2 ** 31),
    v('1e400', raw('1e400')),
    v('missing', MISSING),
  ]),
];

function port(_: unknown, index: number) {
  return { privatePort: (index % 65_535) + 1, type: 'tcp' };
}

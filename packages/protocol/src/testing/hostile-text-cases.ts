import { CLOSE_CODES } from '../close-codes.js';
import type { HostileCase } from './hostile-types.js';
import { makeBatchFrame } from './make-batch-frame.js';
import {
  makeAckFrame,
  makeActionFrame,
  makeErrorFrame,
  makeHelloFrame,
  makeLogsFollowFrame,
  makeLogsStopFrame,
  makeWelcomeFrame,
} from './make-frames.js';
import type { Random } from './random.js';

const ping = (rng: Random) => `{"type":"ping","ts":${rng.int(0, 2 ** 40)}}`;
const batchText = (rng: Random) =>
  JSON.stringify(makeBatchFrame({ seq: rng.int(1, 1e6), containers: 2, logLinesPerContainer: 1, events: 1 }));
const text = (name: string, category: HostileCase['category'], build: HostileCase['build']): HostileCase => ({
  name,
  category,
  build,
});

const jsonCases: HostileCase[] = [
  text('batch cut short', 'json', (rng) => {
    const full = batchText(rng);
    return full.slice(0, rng.int(1, full.length - 1));
  }),
  text('trailing comma', 'json', (rng) => ping(rng).replace(/}$/, ',}')),
  text('single quotes', 'json', (rng) => ping(rng).replaceAll('"', "'")),
  text('unquoted keys', 'json', (rng) => `{type:"ping",ts:${rng.int(0, 1e6)}}`),
  text('line comment', 'json', (rng) => `// ping\n${ping(rng)}`),
  text('block comment', 'json', (rng) => ping(rng).replace(',', ',/* c */')),
  text('empty frame', 'json', () => ''),
  text('whitespace only', 'json', () => ' \n\t '),
  text('bare undefined', 'json', () => 'undefined'),
  text('NaN literal', 'json', () => '{"type":"ping","ts":NaN}'),
  text('Infinity literal', 'json', () => '{"type":"ping","ts":Infinity}'),
  text('-Infinity literal', 'json', () => '{"type":"ping","ts":-Infinity}'),
  text('hex number', 'json', () => '{"type":"ping","ts":0x10}'),
  text('leading zero', 'json', () => '{"type":"ping","ts":012}'),
  text('plus sign', 'json', () => '{"type":"ping","ts":+1}'),
  text('bare fraction', 'json', () => '{"type":"ping","ts":.5}'),
  text('byte-order mark', 'json', (rng) => `\uFEFF${ping(rng)}`),
  text('trailing garbage', 'json', (rng) => `${ping(rng)}x`),
  text('two objects', 'json', (rng) => `${ping(rng)}${ping(rng)}`),
  text('raw newline in string', 'json', () => '{"type":"pi\nng","ts":1}'),
  text('invalid escape', 'json', () => '{"type":"\\x70ing","ts":1}'),
  text('unterminated string', 'json', () => '{"type":"ping,"ts":1}'),
  text('NUL before JSON', 'json', (rng) => `\u0000${ping(rng)}`),
];

const encodingCases: HostileCase[] = [
  text('invalid UTF-8 byte', 'encoding', () =>
    Buffer.from([...Buffer.from('{"type":"pi'), 0xff, ...Buffer.from('ng","ts":1}')]),
  ),
  text('overlong UTF-8', 'encoding', () =>
    Buffer.from([...Buffer.from('{"type":"'), 0xc0, 0xaf, ...Buffer.from('","ts":1}')]),
  ),
  text('truncated UTF-8 sequence', 'encoding', () =>
    Buffer.from([...Buffer.from('{"type":"ping","ts":1,"x":"'), 0xe2, 0x82]),
  ),
  text('UTF-16 with BOM', 'encoding', (rng) =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ping(rng), 'utf16le')]),
  ),
  text('random bytes', 'encoding', (rng) =>
    Buffer.from(Array.from({ length: rng.int(1, 512) }, () => rng.int(0, 255))),
  ),
  text('UTF-8 surrogate bytes', 'encoding', () =>
    Buffer.from([...Buffer.from('{"type":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]),
  ),
];

const topLevelCases: HostileCase[] = [
  text('null', 'top-level', () => 'null'),
  text('empty array', 'top-level', () => '[]'),
  text('array of frames', 'top-level', (rng) => `[${ping(rng)}]`),
  text('number', 'top-level', (rng) => String(rng.int(0, 1e9))),
  text('string', 'top-level', () => '"ping"'),
  text('true', 'top-level', () => 'true'),
];

const WORDS = ['pings', 'hello2', 'batches', 'sql', 'exec', 'shell', 'admin', 'ack_all', 'update_all'];
const envelopeCases: HostileCase[] = [
  text('type missing', 'envelope', (rng) => `{"ts":${rng.int(0, 1e9)}}`),
  text('type null', 'envelope', () => '{"type":null,"ts":1}'),
  text('type number', 'envelope', (rng) => `{"type":${rng.int(0, 99)},"ts":1}`),
  text('type object', 'envelope', () => '{"type":{"name":"ping"},"ts":1}'),
  text('type array', 'envelope', () => '{"type":["ping"],"ts":1}'),
  text('type empty', 'envelope', () => '{"type":"","ts":1}'),
  text('unknown type', 'envelope', (rng) => `{"type":"${rng.pick(WORDS)}${rng.int(0, 99)}","ts":1}`),
  text('type upper case', 'envelope', () => '{"type":"PING","ts":1}'),
  text('type capitalised', 'envelope', () => '{"type":"Batch","seq":1}'),
  text('type with space', 'envelope', () => '{"type":" ping","ts":1}'),
  text('type with NUL', 'envelope', () => '{"type":"ping\\u0000","ts":1}'),
  text('type 10 KiB long', 'envelope', () => `{"type":"${'p'.repeat(10_240)}"}`),
  ...['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'].map((name) =>
    text(`type "${name}"`, 'prototype', () => `{"type":"${name}","ts":1}`),
  ),
  ...[
    makeWelcomeFrame(),
    makeAckFrame(),
    makeActionFrame(),
    makeErrorFrame(),
    makeLogsFollowFrame(),
    makeLogsStopFrame(),
  ].map((frame) => text(`gateway-only type "${frame.type}"`, 'envelope', () => JSON.stringify(frame))),
];

const prototypeCases: HostileCase[] = [
  text('type via __proto__', 'prototype', (rng) => `{"__proto__":${ping(rng)}}`),
  text(
    'required field via __proto__',
    'prototype',
    (rng) => `{"type":"ping","__proto__":{"ts":${rng.int(0, 1e6)}}}`,
  ),
  text('hello host via __proto__', 'prototype', () => {
    const { host, ...hello } = makeHelloFrame();
    return `${JSON.stringify(hello).slice(0, -1)},"host":{"__proto__":${JSON.stringify(host)}}}`;
  }),
  text('constructor.prototype in labels', 'prototype', () =>
    JSON.stringify(makeBatchFrame({ containers: 1 })).replace(
      '"labels":{',
      '"labels":{"constructor":{"prototype":{"polluted":"yes"}},',
    ),
  ),
  text(
    'duplicate key, last value invalid',
    'prototype',
    (rng) => `{"type":"ping","ts":${rng.int(0, 1e6)},"ts":-1}`,
  ),
];

const VERSIONS = [2, 3, 4, 10, 99, 1000, 2 ** 31];
const versionCase = (name: string, build: HostileCase['build']): HostileCase => ({
  name,
  category: 'version',
  phase: 'handshake',
  expectedCloseCode: CLOSE_CODES.versionUnsupported,
  build,
});
const versionCases: HostileCase[] = [
  versionCase('future protocol version', (rng) =>
    JSON.stringify({ ...makeHelloFrame(), protocol: rng.pick(VERSIONS) }),
  ),
  versionCase('v2 hello with a different shape', (rng) =>
    JSON.stringify({ type: 'hello', protocol: rng.pick(VERSIONS), agent: { version: '2.0.0' }, token: 'x' }),
  ),
  versionCase('bare v2 hello', () => '{"type":"hello","protocol":2}'),
];

export const TEXT_CASES: readonly HostileCase[] = [
  ...jsonCases,
  ...encodingCases,
  ...topLevelCases,
  ...envelopeCases,
  ...prototypeCases,
  ...versionCases,
];

import { describe, expect, it } from 'vitest';
import { TRUNCATION_MARKER } from '../shared/truncate-utf8.js';
import { type DecodedLine, DockerLogDecoder } from './log-decoder.js';

const TS = '2026-11-23T09:25:43.710806821Z';
const TS_NS = 1_795_425_943_710_806_821n;

function frame(stream: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function decode(chunks: Buffer[], options: { tty?: boolean; maxLineBytes?: number } = {}): DecodedLine[] {
  const lines: DecodedLine[] = [];
  const decoder = new DockerLogDecoder({
    tty: options.tty ?? false,
    maxLineBytes: options.maxLineBytes ?? 16 * 1024,
    onLine: (line) => lines.push(line),
    now: () => 0n,
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return lines;
}

/** Every way of cutting `bytes` in two. */
function splits(bytes: Buffer): Buffer[][] {
  return Array.from({ length: bytes.length + 1 }, (_, at) => [bytes.subarray(0, at), bytes.subarray(at)]);
}

describe('Docker log stream decoding', () => {
  const stream = Buffer.concat([
    frame(1, `${TS} out-1\n`),
    frame(2, `${TS} err-1\n`),
    frame(1, `${TS} héllo wörld €\n`),
  ]);
  const expected = [
    { stream: 'stdout', tsNs: TS_NS, line: 'out-1' },
    { stream: 'stderr', tsNs: TS_NS, line: 'err-1' },
    { stream: 'stdout', tsNs: TS_NS, line: 'héllo wörld €' },
  ];

  it('demultiplexes stdout and stderr frames with their timestamps', () => {
    expect(decode([stream])).toEqual(expected);
  });

  it('gives the same lines however the bytes are split across chunks (headers and UTF-8 included)', () => {
    for (const chunks of splits(stream)) expect(decode(chunks)).toEqual(expected);
  });

  it('gives the same lines when every byte is its own chunk', () => {
    expect(decode([...stream].map((byte) => Buffer.from([byte])))).toEqual(expected);
  });

  it('joins a line whose frames are split mid-line (Docker partial messages)', () => {
    expect(decode([frame(1, `${TS} first half, `), frame(1, 'second half\n')])).toEqual([
      { stream: 'stdout', tsNs: TS_NS, line: 'first half, second half' },
    ]);
  });

  it('keeps each stream’s partial line apart when frames interleave', () => {
    const chunks = [
      frame(1, `${TS} out-a`),
      frame(2, `${TS} err-a`),
      frame(1, 'out-b\n'),
      frame(2, 'err-b\n'),
    ];
    expect(decode(chunks).map(({ stream: s, line }) => [s, line])).toEqual([
      ['stdout', 'out-aout-b'],
      ['stderr', 'err-aerr-b'],
    ]);
  });

  it('reads a TTY container’s raw stream as stdout and strips the TTY’s carriage returns', () => {
    const raw = Buffer.from(`${TS} tty-line-1\r\n${TS} tty-line-2\r\n`);
    for (const chunks of splits(raw)) {
      expect(decode(chunks, { tty: true }).map(({ stream: s, line }) => [s, line])).toEqual([
        ['stdout', 'tty-line-1'],
        ['stdout', 'tty-line-2'],
      ]);
    }
  });

  it('truncates an overlong line with the marker and keeps the next line intact', () => {
    const long = `${TS} ${'x'.repeat(5000)}\n${TS} next\n`;
    const lines = decode([frame(1, long)], { maxLineBytes: 100 });
    expect(lines).toHaveLength(2);
    expect(Buffer.byteLength(lines[0]?.line ?? '')).toBeLessThanOrEqual(100);
    expect(lines[0]?.line.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(lines[1]?.line).toBe('next');
  });

  it('emits a last line without a newline when the stream ends, and keeps empty lines', () => {
    expect(decode([frame(1, `${TS} \n${TS} tail`)]).map((line) => line.line)).toEqual(['', 'tail']);
  });

  it('skips the engine’s own error frames (stream 3)', () => {
    const systemError = Buffer.concat([Buffer.from([3, 0, 0, 0, 0, 0, 0, 5]), Buffer.from('oops\n')]);
    expect(decode([systemError, frame(1, `${TS} ok\n`)]).map((line) => line.line)).toEqual(['ok']);
  });
});

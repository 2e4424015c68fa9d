import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines } from './read-lines.js';

/** Writes `chunks` into a stream and collects what `readLines` makes of them. */
async function linesOf(chunks: Buffer[]): Promise<string[]> {
  const stream = new PassThrough();
  const lines: string[] = [];
  const done = readLines(stream, (line) => lines.push(line));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await done;
  return lines;
}

/** `bytes` cut at every `size` bytes. */
function cut(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

const EVENTS = [
  { Type: 'container', Action: 'start', Actor: { ID: 'a'.repeat(64), Attributes: { name: 'wörk—☃' } } },
  { Type: 'container', Action: 'die', Actor: { ID: 'b'.repeat(64), Attributes: { exitCode: '0' } } },
  { status: 'Downloading', progressDetail: { current: 1, total: 2 } },
];
const BODY = Buffer.from(EVENTS.map((event) => `${JSON.stringify(event)}\n`).join(''));

describe('JSON lines (events, pull progress) however the engine splits them', () => {
  it('gives the same objects for every chunk size, multi-byte characters split included', async () => {
    for (const size of [1, 2, 3, 7, 64, BODY.length]) {
      const lines = await linesOf(cut(BODY, size));
      expect(lines.map((line) => JSON.parse(line))).toEqual(EVENTS);
    }
  });

  it('skips blank lines and keeps a last line that has no newline', async () => {
    const lines = await linesOf([Buffer.from('\n{"a":1}\n\n  \n{"b"'), Buffer.from(':2}')]);
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('drops a line that grows past its bound instead of buffering it', async () => {
    const junk = Buffer.alloc(1024 * 1024 + 10, 'x');
    const lines = await linesOf([...cut(junk, 64 * 1024), Buffer.from('\n{"after":true}\n')]);
    expect(lines).toEqual(['{"after":true}']);
  });
});

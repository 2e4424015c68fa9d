import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Longest line kept; the events stream carries small JSON objects, so anything longer is junk. */
const MAX_LINE_CHARS = 1024 * 1024;

/**
 * Calls `onLine` for each non-empty newline-terminated line of `stream` (lines may span chunks).
 * Resolves when the stream ends or closes (an engine that goes away closes without ending),
 * rejects on a stream error or when `onLine` throws.
 */
export function readLines(stream: Readable, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    const emit = (line: string): void => {
      if (line.trim() !== '') onLine(line);
    };
    stream.on('data', (chunk: Buffer | string) => {
      try {
        const lines = (rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk))).split('\n');
        rest = lines.pop() ?? '';
        if (rest.length > MAX_LINE_CHARS) rest = '';
        for (const line of lines) emit(line);
      } catch (error) {
        stream.destroy();
        reject(error);
      }
    });
    stream.once('end', () => {
      try {
        emit(rest + decoder.end());
        resolve();
      } catch (error) {
        reject(error);
      }
    });
    stream.once('close', () => resolve());
    stream.once('error', reject);
  });
}

import { CLOSE_CODES } from './close-codes.js';
import type { DecodeFailure } from './decode-result.js';
import { fitsUtf8Bytes } from './utf8-byte-length.js';

export type ParsedFrame = { ok: true; value: Record<string, unknown> } | DecodeFailure;

// ignoreBOM keeps a byte-order mark in the text, so it fails JSON.parse as it does in a string frame.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Size, encoding and JSON checks, in that order: the size is known before a byte is parsed, so an
 * oversized frame costs nothing but its length.
 */
export function parseFrameJson(raw: string | Uint8Array, maxFrameBytes: number): ParsedFrame {
  const tooBig =
    typeof raw === 'string' ? !fitsUtf8Bytes(raw, maxFrameBytes) : raw.byteLength > maxFrameBytes;
  if (tooBig) return badFrame(`frame: larger than maxFrameBytes (${maxFrameBytes})`);
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : utf8.decode(raw);
  } catch {
    return badFrame('frame: not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 120) : 'unparseable';
    return badFrame(`frame: not valid JSON (${detail})`);
  }
  if (!isPlainRecord(value)) return badFrame('frame: expected a JSON object');
  return { ok: true, value };
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function badFrame(reason: string): DecodeFailure {
  return { ok: false, closeCode: CLOSE_CODES.badFrame, reason };
}

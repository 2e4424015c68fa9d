import { textFloat4 } from './text-float4.js';

/** Element type OIDs that array_recv checks against the parameter's declared array type. */
export const OID = {
  int4: 23,
  int8: 20,
  float4: 700,
  float8: 701,
  text: 25,
  jsonb: 3802,
  timestamptz: 1184,
} as const;
type ElementOid = (typeof OID)[keyof typeof OID];

// array_recv's header for one dimension: ndim, has-nulls flag, element type, length, lower bound.
const HEADER = 20;
const TWO_32 = 4_294_967_296;
const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC). */
const PG_EPOCH_MICROS = 946_684_800_000_000;
const NUL = String.fromCharCode(0);

/**
 * One array parameter in PostgreSQL's binary format (array_recv: header, then each element as an
 * int32 length and its bytes, -1 for NULL), appended element by element into one growing buffer:
 * no per-value string and no array literal to build, quote and parse. node-postgres sends a
 * Buffer parameter with the binary format code. Every value is stored exactly as the text path
 * (String(value) in an array literal) stored it, and refused where that path was refused, so a
 * batch writes the same bytes or fails the same way: see each writer.
 */
export class BinaryArray {
  private buf: Buffer;
  private end = HEADER;
  private count = 0;
  private nulls = false;

  constructor(
    private readonly oid: ElementOid,
    capacity = 1024,
  ) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  get length(): number {
    return this.count;
  }

  null(): void {
    this.reserve(4);
    this.buf.writeInt32BE(-1, this.end);
    this.end += 4;
    this.count += 1;
    this.nulls = true;
  }

  /** Integers only, within int4 (the text path's int4in refuses anything else). */
  int4(value: number): void {
    if (!Number.isInteger(value) || value < INT4_MIN || value > INT4_MAX) {
      throw new RangeError(`value ${value} is out of range for type integer`);
    }
    this.reserve(8);
    const buf = this.buf;
    buf.writeInt32BE(4, this.end);
    buf.writeInt32BE(value, this.end + 4);
    this.end += 8;
    this.count += 1;
  }

  /**
   * A safe integer exactly; beyond 2^53 the integer String(value) spells (its shortest digits
   * padded with zeros, as the text path sent it), and refused outside int8 or in exponent form.
   */
  int8(value: number): void {
    this.reserve(12);
    const buf = this.buf;
    buf.writeInt32BE(8, this.end);
    if (Number.isSafeInteger(value)) {
      const high = Math.floor(value / TWO_32);
      buf.writeInt32BE(high, this.end + 4);
      buf.writeUInt32BE(value - high * TWO_32, this.end + 8);
    } else {
      buf.writeBigInt64BE(int8OfText(value), this.end + 4);
    }
    this.end += 12;
    this.count += 1;
  }

  /** The float4 that PostgreSQL's float4in reads from String(value) (text-float4.ts). */
  float4(value: number): void {
    this.reserve(8);
    this.buf.writeInt32BE(4, this.end);
    this.buf.writeFloatBE(textFloat4(value), this.end + 4);
    this.end += 8;
    this.count += 1;
  }

  /** String(value) reads back as the same double; -0 is written "0" in text, so stored as 0. */
  float8(value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`value ${value} is not a finite float8`);
    this.reserve(12);
    this.buf.writeInt32BE(8, this.end);
    this.buf.writeDoubleBE(value === 0 ? 0 : value, this.end + 4);
    this.end += 12;
    this.count += 1;
  }

  /** Microseconds since the Unix epoch (parse-timestamp.ts), stored from PostgreSQL's epoch. */
  timestamptz(unixMicros: number): void {
    const value = unixMicros - PG_EPOCH_MICROS;
    if (!Number.isSafeInteger(value)) throw new RangeError(`timestamp ${unixMicros} µs is out of range`);
    this.int8Raw(value);
  }

  /** UTF-8; NUL, which text and jsonb cannot hold, becomes U+FFFD (as the text path did). */
  text(value: string): void {
    this.bytes(value, 0);
  }

  /** jsonb's binary form: version 1, then the JSON text (jsonb_recv parses it as jsonb_in does). */
  jsonb(json: string): void {
    this.bytes(json, 1);
  }

  /** The parameter: header filled in, the buffer's written part (no copy). */
  toBuffer(): Buffer {
    const buf = this.buf;
    if (this.count === 0) {
      // No dimensions: ndim 0, no flags, the element type.
      buf.writeInt32BE(0, 8);
      buf.writeInt32BE(0, 12);
      buf.writeInt32BE(this.oid, 16);
      return buf.subarray(8, HEADER);
    }
    buf.writeInt32BE(1, 0);
    buf.writeInt32BE(this.nulls ? 1 : 0, 4);
    buf.writeInt32BE(this.oid, 8);
    buf.writeInt32BE(this.count, 12);
    buf.writeInt32BE(1, 16);
    return buf.subarray(0, this.end);
  }

  private int8Raw(value: number): void {
    this.reserve(12);
    const buf = this.buf;
    const high = Math.floor(value / TWO_32);
    buf.writeInt32BE(8, this.end);
    buf.writeInt32BE(high, this.end + 4);
    buf.writeUInt32BE(value - high * TWO_32, this.end + 8);
    this.end += 12;
    this.count += 1;
  }

  private bytes(value: string, version: 0 | 1): void {
    const clean = value.includes(NUL) ? value.replaceAll(NUL, '\uFFFD') : value;
    // UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    this.reserve(5 + clean.length * 3);
    const buf = this.buf;
    const start = this.end + 4 + version;
    if (version === 1) buf[start - 1] = 1;
    const written = clean.length <= SHORT ? writeShort(buf, clean, start) : buf.write(clean, start, 'utf8');
    buf.writeInt32BE(written + version, this.end);
    this.end = start + written;
    this.count += 1;
  }

  private reserve(bytes: number): void {
    const needed = this.end + bytes;
    if (needed <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buf.length * 2));
    this.buf.copy(grown, 0, 0, this.end);
    this.buf = grown;
  }
}

// Container ids, streams and short lines: a loop over ASCII costs less than a call into
// Buffer.write; anything else (and every longer text) is encoded by Buffer.write.
const SHORT = 32;

function writeShort(buf: Buffer, text: string, start: number): number {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return buf.write(text, start, 'utf8');
    buf[start + i] = code;
  }
  return text.length;
}

function int8OfText(value: number): bigint {
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw new RangeError(`invalid input syntax for type bigint: "${text}"`);
  const exact = BigInt(text);
  if (exact < INT8_MIN || exact > INT8_MAX)
    throw new RangeError(`value "${text}" is out of range for type bigint`);
  return exact;
}

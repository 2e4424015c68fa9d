const scratch = new DataView(new ArrayBuffer(8));

/**
 * The float4 PostgreSQL stores for a `real` column when the value is sent as text, String(value):
 * float4in rounds that decimal straight to float (strtof), Math.fround rounds the double. They
 * agree except where the double lies exactly halfway between two floats: fround then picks the
 * even one, strtof the one on the side of the shortest decimal, which is rarely the double itself
 * (1 + 2^-24 prints as 1.0000000596046448, above it). A nonzero value that rounds to 0 is refused
 * as float4in refuses it ("out of range for type real"); -0 prints as "0".
 */
export function textFloat4(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`value ${value} is not a finite real`);
  if (value === 0) return 0;
  let rounded = Math.fround(value);
  if (rounded !== value && Number.isFinite(rounded)) {
    const other = neighbour(rounded, value > rounded ? 1 : -1);
    if ((rounded + other) / 2 === value) {
      const side = compareDecimal(String(value), value);
      if (side !== 0 && side === Math.sign(other - rounded)) rounded = other;
    }
  }
  if (rounded === 0 || !Number.isFinite(rounded)) {
    throw new RangeError(`"${String(value)}" is out of range for type real`);
  }
  return rounded;
}

/** The float next to `float` (a float4 value) towards +∞ (direction 1) or −∞ (−1). */
function neighbour(float: number, direction: 1 | -1): number {
  scratch.setFloat32(0, float);
  const bits = scratch.getInt32(0);
  const up = float > 0 || Object.is(float, 0);
  scratch.setInt32(0, up === (direction === 1) ? bits + 1 : float === 0 ? 0x80000001 : bits - 1);
  return scratch.getFloat32(0);
}

/** Sign of (decimal − value), exactly: both scaled to integers in BigInt. */
function compareDecimal(decimal: string, value: number): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(decimal);
  if (!match) throw new RangeError(`unexpected number text "${decimal}"`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  const tenPower = Number(exponent) - fraction.length;
  // value = mantissa × 2^twoPower, from its IEEE bits.
  scratch.setFloat64(0, value);
  const high = scratch.getUint32(0);
  const low = scratch.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased !== 0) mantissa |= 1n << 52n;
  if (high >>> 31) mantissa = -mantissa;
  const twoPower = (biased === 0 ? 1 : biased) - 1075;
  const left = digits * 10n ** BigInt(Math.max(tenPower, 0)) * 2n ** BigInt(Math.max(-twoPower, 0));
  const right = mantissa * 2n ** BigInt(Math.max(twoPower, 0)) * 10n ** BigInt(Math.max(-tenPower, 0));
  return left === right ? 0 : left > right ? 1 : -1;
}

/** Marks a key to delete instead of set. */
export const MISSING = Symbol('missing');

/** JSON text spliced in verbatim: things `JSON.stringify` cannot produce (1e400, `__proto__` keys). */
export type RawJson = { readonly rawJson: string };
export const raw = (rawJson: string): RawJson => ({ rawJson });
export function isRawJson(value: unknown): value is RawJson {
  return (
    typeof value === 'object' && value !== null && 'rawJson' in value && typeof value.rawJson === 'string'
  );
}

export type BadValue = { readonly label: string; readonly value: unknown };

const v = (label: string, value: unknown): BadValue => ({ label, value });
const missing = v('missing', MISSING);

/** Numbers that JSON.parse turns into Infinity or a rounded integer. */
const hugeNumbers = [
  v('1e400', raw('1e400')),
  v('-1e400', raw('-1e400')),
  v('2^53+1', raw('9007199254740993')),
];
const nanStrings = [v('"NaN"', 'NaN'), v('"Infinity"', 'Infinity')];

export const BAD_COUNT: readonly BadValue[] = [
  v('-1', -1),
  v('1.5', 1.5),
  v('"12"', '12'),
  v('null', null),
  v('true', true),
  v('[]', []),
  v('{}', {}),
  ...hugeNumbers,
  ...nanStrings,
  missing,
];

export const BAD_SEQ: readonly BadValue[] = [
  v('0', 0),
  v('-1', -1),
  v('1.5', 1.5),
  v('"1"', '1'),
  v('null', null),
  ...hugeNumbers,
  missing,
];

/** Bad timestamps; `null` is left out for nullable fields, where it is valid. */
export function badTimestamps(nullable = false): readonly BadValue[] {
  const values = [
    v('"yesterday"', 'yesterday'),
    v('date only', '2024-01-01'),
    v('offset +02:00', '2024-01-01T00:00:00+02:00'),
    v('epoch ms', 1_704_067_200_000),
    v('""', ''),
    v('month 13', '2024-13-01T00:00:00Z'),
    v('space separator', '2024-01-01 00:00:00Z'),
    missing,
  ];
  return nullable ? values : [...values, v('null', null)];
}

export const BAD_SHORT_ID: readonly BadValue[] = [
  v('uppercase hex', 'ABCDEF012345'),
  v('11 hex', 'abcdef01234'),
  v('13 hex', 'abcdef0123456'),
  v('not hex', 'ghijklmnopqr'),
  v('64 hex', 'ab'.repeat(32)),
  v('leading space', ' abcdef01234'),
  v('trailing NUL', 'abcdef012345\u0000'),
  v('number', 123_456_789_012),
  v('null', null),
  missing,
];

export const BAD_FULL_ID: readonly BadValue[] = [
  v('12 hex', 'abcdef012345'),
  v('63 hex', 'a'.repeat(63)),
  v('uppercase', 'AB'.repeat(32)),
  v('not hex', 'z'.repeat(64)),
  v('null', null),
  missing,
];

export const BAD_UUID: readonly BadValue[] = [
  v('not a uuid', 'not-a-uuid'),
  v('no dashes', '0d9e8f7a6b5c4d3e9f2a1b0c9d8e7f6a'),
  v('""', ''),
  v('number', 12_345),
  v('null', null),
  missing,
];

export const BAD_CPU: readonly BadValue[] = [
  v('-0.5', -0.5),
  v('409601', 409_601),
  v('"12.5"', '12.5'),
  v('null', null),
  ...hugeNumbers.slice(0, 2),
  ...nanStrings,
  missing,
];

export const BAD_BOOLEAN: readonly BadValue[] = [v('"true"', 'true'), v('1', 1), v('null', null), missing];

export const BAD_ARRAY: readonly BadValue[] = [
  v('{}', {}),
  v('"[]"', '[]'),
  v('null', null),
  v('numbers', [1, 2]),
  missing,
];

/** Values for a bounded text field; `required` adds the missing case. */
export function badText(maxBytes: number, required = true): readonly BadValue[] {
  const values = [
    v(`${maxBytes + 1} ASCII bytes`, 'x'.repeat(maxBytes + 1)),
    // Fits the limit in UTF-16 units but not in UTF-8 bytes.
    v(`${maxBytes + 1}+ bytes of "€"`, '€'.repeat(Math.ceil((maxBytes + 1) / 3))),
    v('NUL inside', 'a\u0000b'),
    v('number', 42),
    v('null', null),
    v('{}', {}),
  ];
  return required ? [...values, missing] : values;
}

export function badEnum(validValue: string): readonly BadValue[] {
  return [
    v('"bogus"', 'bogus'),
    v('upper case', validValue.toUpperCase()),
    v('""', ''),
    v('0', 0),
    v('null', null),
    missing,
  ];
}

/** A string map (labels, attributes) with a bound on entries. */
export function badRecord(maxEntries: number): readonly BadValue[] {
  const tooMany = Object.fromEntries(Array.from({ length: maxEntries + 1 }, (_, i) => [`k${i}`, 'v']));
  return [
    v('__proto__ key', raw('{"__proto__":"x"}')),
    v('__proto__ object', raw('{"app":"web","__proto__":{"polluted":"yes"}}')),
    v('number value', { app: 1 }),
    v('null value', { app: null }),
    v('object value', { app: { nested: 'x' } }),
    v('array', []),
    v('string', 'app=web'),
    v(`${maxEntries + 1} entries`, tooMany),
    v('value nested 5000 deep', raw(`{"app":${'['.repeat(5000)}${']'.repeat(5000)}}`)),
    missing,
  ];
}

export { v as badValue };

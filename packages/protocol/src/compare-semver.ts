const PARTS = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Semantic-version precedence (semver.org §11): -1, 0 or 1 as `a` is older than, equal to or
 * newer than `b`; build metadata is ignored, a pre-release sorts before its release. `null`
 * when either is not a version, so callers decide what "unknown" means instead of guessing.
 */
export function compareSemver(a: string, b: string): -1 | 0 | 1 | null {
  const left = PARTS.exec(a);
  const right = PARTS.exec(b);
  if (!left || !right) return null;
  for (let i = 1; i <= 3; i += 1) {
    const order = compareNumbers(Number(left[i]), Number(right[i]));
    if (order !== 0) return order;
  }
  return comparePreRelease(left[4], right[4]);
}

function compareNumbers(a: number, b: number): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePreRelease(a: string | undefined, b: string | undefined): -1 | 0 | 1 {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const x = left[i];
    const y = right[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = compareIdentifiers(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

/** Numeric identifiers compare as numbers and sort before alphanumeric ones. */
function compareIdentifiers(a: string, b: string): -1 | 0 | 1 {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return compareNumbers(Number(a), Number(b));
  if (numeric.test(a)) return -1;
  if (numeric.test(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

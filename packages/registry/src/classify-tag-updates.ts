export type SemverTag = {
  tag: string;
  /** `v` or empty: `v1.2` and `1.2` are different families. */
  prefix: string;
  /** 1 to 3 numbers: `1`, `1.2`, `1.2.3`. */
  numbers: number[];
  /** What follows `-` (`alpine`, `bookworm-slim`), empty when none: the tag's flavour. */
  suffix: string;
};

const SEMVER_TAG = /^(v?)(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?(?:-([A-Za-z][0-9A-Za-z.-]*))?$/;

/** Parses `1`, `1.2`, `1.2.3`, `v1.2`, `1.2.3-alpine`; undefined for `latest`, `stable`, dates… */
export function parseSemverTag(tag: string): SemverTag | undefined {
  const match = SEMVER_TAG.exec(tag);
  if (!match) return undefined;
  const numbers = [match[2], match[3], match[4]].filter((part) => part !== undefined).map(Number);
  return { tag, prefix: match[1] ?? '', numbers, suffix: match[5] ?? '' };
}

function compare(a: SemverTag, b: SemverTag): number {
  for (let i = 0; i < a.numbers.length; i += 1) {
    const diff = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export type TagUpdates = {
  /** Newest tag with the same major and minor and a higher patch. */
  patch?: string;
  /** Newest tag with the same major and a higher minor. */
  minor?: string;
  /** Newest tag with a higher major. */
  major?: string;
};

/**
 * The updates of a semantic-version tag among a repository's tags. A candidate must be the same
 * family: same prefix, same suffix (`1.2.3-alpine` moves only to `…-alpine`) and the same
 * precision (`1.2` floats over its patches, so it compares with `1.3` and `2.0`, not `1.2.4`).
 * Undefined when the current tag is not a version (e.g. `latest`: digest checks only).
 */
export function classifyTagUpdates(currentTag: string, tags: readonly string[]): TagUpdates | undefined {
  const current = parseSemverTag(currentTag);
  if (!current) return undefined;
  const family = tags
    .map(parseSemverTag)
    .filter((candidate): candidate is SemverTag => candidate !== undefined)
    .filter(
      (candidate) =>
        candidate.prefix === current.prefix &&
        candidate.suffix === current.suffix &&
        candidate.numbers.length === current.numbers.length &&
        compare(candidate, current) > 0,
    )
    .sort(compare);
  const newest = (level: number): string | undefined =>
    family
      .filter(
        (candidate) =>
          candidate.numbers.slice(0, level).every((n, i) => n === current.numbers[i]) &&
          (candidate.numbers[level] ?? 0) > (current.numbers[level] ?? 0),
      )
      .at(-1)?.tag;
  const updates: TagUpdates = {};
  const major = newest(0);
  const minor = current.numbers.length >= 2 ? newest(1) : undefined;
  const patch = current.numbers.length >= 3 ? newest(2) : undefined;
  if (patch) updates.patch = patch;
  if (minor) updates.minor = minor;
  if (major) updates.major = major;
  return updates;
}

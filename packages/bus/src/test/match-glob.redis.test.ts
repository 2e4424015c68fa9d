import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeGlob, matchGlob } from '../match-glob.js';
import { deleteKeysWithPrefix, openAdminConnection, randomPrefix } from './helpers.js';

const prefix = `${randomPrefix()}glob:`;
const admin = openAdminConnection();

const fixedSubjects = [
  ...['org:o1:events', 'org::events', 'org:o1:x:events', 'host:7:actions', 'host:12:actions'],
  ...['a', 'ab', 'abc', 'b', '-', 'a*b', 'a?b', 'a[b', 'a]b', 'a\\b', 'é', 'aé', 'x-y'],
];
const fixedPatterns = [
  ...['*', 'org:*:events', 'host:?:actions', 'a?', 'a*', '*b', 'a[bc]', 'a[^b]*', '[a-c]', '[c-a]'],
  ...['a\\*b', 'a\\?b', 'a[*]b', 'a[\\]]b', 'a[', 'a[b', '[', '\\', 'a\\', '?', '??', '***', 'a**b*'],
  ...['é', 'a?', 'a??', '[!a]', '[a-]', '[-a]', 'x[--z]y', '[^]', '[]', '[]a]', 'a[^'],
];

/** Deterministic, so a failure reproduces. */
function randomStrings(seed: number, alphabet: string, count: number, maxLength: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: next() % (maxLength + 1) }, () => alphabet[next() % alphabet.length]).join(''),
  );
}

// No empty subject: the bus rejects empty channel names, and behind a prefix Redis never sees one.
const subjects = [...new Set([...fixedSubjects, ...randomStrings(7, 'ab-*?[]^\\', 80, 5)].filter(Boolean))];
const patterns = [...new Set([...fixedPatterns, ...randomStrings(11, 'ab-*?[]^\\', 300, 6)])];

beforeAll(async () => {
  await admin.mset(...subjects.flatMap((subject) => [prefix + subject, '1']));
});
afterAll(async () => {
  await deleteKeysWithPrefix(admin, prefix);
  await admin.quit();
});

describe('matchGlob', () => {
  it('agrees with Redis on every pattern and subject', async () => {
    const mismatches: string[] = [];
    for (const pattern of patterns) {
      const fromRedis = new Set(
        (await admin.keys(escapeGlob(prefix) + pattern)).map((k) => k.slice(prefix.length)),
      );
      for (const subject of subjects) {
        if (matchGlob(pattern, subject) !== fromRedis.has(subject)) {
          mismatches.push(
            `${JSON.stringify(pattern)} vs ${JSON.stringify(subject)}: redis ${fromRedis.has(subject)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossTenantBeginPasswordSignIn } from '../cross-tenant/index.js';
import { hashSecret } from '../secrets.js';
import { advanceSignInClock, createTestDatabase, type TestDatabase } from '../testing/index.js';

// How many passwords an attacker gets to try, measured through the real SQL with a simulated
// clock (each refusal's retry-after is waited out by moving the clock): the numbers that
// docs/security.md quotes. The attacker never succeeds, and retries the moment they may.

let database: TestDatabase;
let owner: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

/** Password checks the attacker got in each simulated hour. */
async function attack(hours: number, nextAddress: (attempt: number) => string): Promise<number[]> {
  const email = `target-${randomUUID()}@example.test`;
  await owner.query('INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)', [
    randomUUID(),
    email,
    '$argon2id$not-checked-here',
  ]);
  const perHour = Array<number>(hours).fill(0);
  let clock = 0;
  for (let tried = 0; clock < hours * 3600; tried += 1) {
    const result = await crossTenantBeginPasswordSignIn(
      database.db,
      email,
      { addressKey: nextAddress(tried) },
      hashSecret(randomUUID()),
    );
    if (result.status === 'check') {
      const hour = Math.floor(clock / 3600);
      perHour[hour] = (perHour[hour] ?? 0) + 1;
    } else {
      await advanceSignInClock(owner, result.retryAfterS);
      clock += result.retryAfterS;
    }
  }
  return perHour;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('what the throttle leaves an attacker (simulated clock)', () => {
  it('one address: at most 20 guesses in the first hour, then at most 5 an hour', async () => {
    const perHour = await attack(24, () => '203.0.113.66');
    console.info(
      `[rates] one address: first hour ${perHour[0]}, hours 2-24 ${perHour.slice(1).join(' ')}, day ${sum(perHour)}`,
    );
    expect(perHour[0]).toBeLessThanOrEqual(20);
    expect(Math.max(...perHour.slice(2))).toBeLessThanOrEqual(5);
    expect(sum(perHour)).toBeLessThanOrEqual(120);
  });

  it('a new address for every guess: at most 21 in the first hour, then at most 11 an hour', async () => {
    const perHour = await attack(
      24,
      (attempt) => `10.${attempt >> 16}.${(attempt >> 8) & 255}.${attempt & 255}`,
    );
    console.info(
      `[rates] fresh addresses: first hour ${perHour[0]}, hours 2-24 ${perHour.slice(1).join(' ')}, day ${sum(perHour)}`,
    );
    expect(perHour[0]).toBeLessThanOrEqual(21);
    expect(Math.max(...perHour.slice(1))).toBeLessThanOrEqual(11);
    expect(sum(perHour)).toBeLessThanOrEqual(260);
  });
});

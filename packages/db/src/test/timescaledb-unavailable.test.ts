import { describe, it } from 'vitest';

// Run only by the timescaledb project when TEST_TIMESCALE_URL is unset (see vitest.config.ts).
describe.skip('@berth/db on TimescaleDB: SKIPPED, TEST_TIMESCALE_URL is not set (bash .ci/run sets it where ../shared/timescaledb exists)', () => {
  it('runs every packages/db test against TimescaleDB', () => {});
});

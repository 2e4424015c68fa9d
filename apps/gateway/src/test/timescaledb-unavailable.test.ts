import { describe, it } from 'vitest';

// Run only by the timescaledb project when TEST_TIMESCALE_URL is unset (see vitest.config.ts).
describe.skip('@berth/gateway ingest on TimescaleDB: SKIPPED, TEST_TIMESCALE_URL is not set (bash .ci/run sets it where ../shared/timescaledb exists)', () => {
  it('runs the exactly-once ingest tests against TimescaleDB', () => {});
});

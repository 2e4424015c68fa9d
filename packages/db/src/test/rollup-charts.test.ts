import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryContainerSeries, queryHostSeries, type SeriesWindow } from '../queries/index.js';
import { rollUpDirtyMinutes } from '../rollups/index.js';
import { createTestDatabase, type SeededOrg, seedOrg, type TestDatabase } from '../testing/index.js';
import { withOrg } from '../with-org.js';
import { batches, ingest, MINUTE, random } from './sample-batches.js';

// Charts read one shape whatever the job has done so far: rollup rows for rolled minutes and
// hours, the raw rows for minutes still marked (the open minute, late batches).

let database: TestDatabase;
let tenant: SeededOrg;
// "Settled before" far enough ahead to cover every hour this file's batches can touch: an
// hour is claimed only once settledBefore is an hour past its start, and with one hour of
// margin fixed at load, a file that ran across an hour boundary left the new hour's marker
// behind (seen in CI at 02:00).
const EVERYTHING = new Date(Date.now() + 24 * 3_600_000);
const now = Date.now();
const windows: SeriesWindow[] = [
  {
    resolution: '1m',
    from: new Date(Math.floor((now - 7 * 24 * 60 * MINUTE) / MINUTE) * MINUTE),
    to: new Date(now + MINUTE),
    binSeconds: 60,
  },
  {
    resolution: '1m',
    from: new Date(Math.floor((now - 24 * 60 * MINUTE) / 900_000) * 900_000),
    to: new Date(now + MINUTE),
    binSeconds: 900,
  },
  {
    resolution: '1h',
    from: new Date(Math.floor((now - 8 * 24 * 60 * MINUTE) / 3_600_000) * 3_600_000),
    to: new Date(now + MINUTE),
    binSeconds: 3600,
  },
];

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await seedOrg(database.db);
});

afterAll(() => database?.drop());

async function charts(): Promise<unknown[]> {
  return withOrg(database.db, tenant.orgId, async (tx) => {
    const out: unknown[] = [];
    for (const window of windows) {
      out.push(await queryHostSeries(tx, tenant, window));
      for (const containerId of ['aaaaaaaaaaaa', 'bbbbbbbbbbbb']) {
        out.push(await queryContainerSeries(tx, { ...tenant, containerId }, window));
      }
    }
    return out;
  });
}

describe('charts over rollups and the not-yet-rolled tail', () => {
  it('show the same series before, during and after the rollup job, and late batches at once', async () => {
    const work = batches([tenant], 5, 30);
    for (const { batch, next } of work) await ingest(database.pool, batch, next);
    const unrolled = await charts();
    const hostPoints = (unrolled[0] as { t: number[] }).t.length;
    expect(hostPoints).toBeGreaterThan(10);
    await rollUpDirtyMinutes(database.pool, { settledBefore: new Date(now - 6 * 60 * MINUTE) });
    expect(await charts()).toEqual(unrolled);
    await rollUpDirtyMinutes(database.pool, { settledBefore: EVERYTHING });
    expect(await charts()).toEqual(unrolled);

    // A late batch into minutes already rolled up: visible before the job re-rolls them.
    const late = { tenant, times: [now - 90 * MINUTE, now - 30 * 60 * MINUTE], containers: ['aaaaaaaaaaaa'] };
    await ingest(database.pool, late, random(9));
    const withLate = await charts();
    expect(withLate).not.toEqual(unrolled);
    await rollUpDirtyMinutes(database.pool, { settledBefore: EVERYTHING });
    expect(await charts()).toEqual(withLate);
  });
});

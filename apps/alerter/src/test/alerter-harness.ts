import { type Bus, createMemoryBus } from '@berth/bus';
import { createSecretBox, secretKeyRing } from '@berth/db/sql';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { type Alerter, type AlerterProbe, type AlerterSettings, buildAlerter } from '../app.js';
import type { AlerterLogger } from '../logger.js';
import { type ManualClock, manualClock } from './manual-clock.js';

export const TEST_AUTH_SECRET = 'alerter-test-secret-0123456789abcdef0123456789';

export const silentLog: AlerterLogger = {
  info: () => undefined,
  warn: () => undefined,
  // Errors stay visible: a test failing on a swallowed SQL error should say so.
  error: (context, message) => console.error(message, context),
};

export function testSettings(overrides: Partial<AlerterSettings> = {}): AlerterSettings {
  return {
    passMs: 15_000,
    deliveryMs: 2_000,
    leaseMs: 60_000,
    maxAttempts: 5,
    agentIntervalMs: 10_000,
    shippedAgentVersion: '0.5.0',
    publicUrl: 'http://berth.test',
    allowPrivateTargets: true,
    smtp: null,
    secretKeys: undefined,
    authSecret: TEST_AUTH_SECRET,
    ...overrides,
  };
}

/** The box the API would have sealed channel secrets with (same AUTH_SECRET). */
export const testSecretBox = () =>
  createSecretBox(secretKeyRing({ secretsKeys: undefined, authSecret: TEST_AUTH_SECRET }));

export type TestAlerter = {
  alerter: Alerter;
  clock: ManualClock;
  bus: Bus;
  database: TestDatabase;
  stop(): Promise<void>;
};

/** An alerter without timers over a fresh database (runtime role), driven by a manual clock. */
export async function startTestAlerter(
  options: {
    database?: TestDatabase;
    bus?: Bus;
    clock?: ManualClock;
    settings?: Partial<AlerterSettings>;
    probe?: AlerterProbe;
    /** Flush a notification due at once in its transition's transaction (as with timers). */
    flushInTransition?: boolean;
  } = {},
): Promise<TestAlerter> {
  const database = options.database ?? (await createTestDatabase());
  const bus = options.bus ?? createMemoryBus();
  const clock = options.clock ?? manualClock();
  const alerter = buildAlerter({
    databaseUrl: database.appUrl,
    bus,
    settings: testSettings(options.settings),
    log: silentLog,
    clock,
    timers: false,
    ...(options.probe ? { probe: options.probe } : {}),
    ...(options.flushInTransition ? { flushInTransition: true } : {}),
  });
  await alerter.start();
  return {
    alerter,
    clock,
    bus,
    database,
    async stop() {
      await alerter.stop();
      if (!options.bus) await bus.close();
      if (!options.database) await database.drop();
    },
  };
}

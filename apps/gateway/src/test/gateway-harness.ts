import { createMemoryBus } from '@berth/bus';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { buildGateway, type Gateway, type GatewayOptions } from '../app.js';

export type TestGateway = {
  gateway: Gateway;
  database: TestDatabase;
  wsUrl: string;
  httpUrl: string;
  stop(): Promise<void>;
};

/** A gateway on a random port over a fresh database (runtime role) and an in-process bus. */
export async function startTestGateway(
  options: Partial<Pick<GatewayOptions, 'settings' | 'ingest' | 'bus' | 'trustProxy'>> & {
    database?: TestDatabase;
  } = {},
): Promise<TestGateway> {
  const database = options.database ?? (await createTestDatabase());
  const bus = options.bus ?? createMemoryBus();
  const gateway = await buildGateway({
    gatewayId: `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    databaseUrl: database.appUrl,
    bus,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.ingest ? { ingest: options.ingest } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  const address = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    gateway,
    database,
    httpUrl: address,
    wsUrl: `${address.replace(/^http/, 'ws')}/agent/v1`,
    async stop() {
      await gateway.drain(5000);
      if (!options.bus) await bus.close();
      if (!options.database) await database.drop();
    },
  };
}

import { createMemoryBus } from '@berth/bus';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import type { DeliveryPass } from '../actions/delivery-passes.js';
import { buildGateway, type Gateway, type GatewayOptions } from '../app.js';

export type TestGateway = {
  gateway: Gateway;
  database: TestDatabase;
  wsUrl: string;
  httpUrl: string;
  /**
   * The next finished delivery pass of `kind` for a host. Call it before what starts the pass
   * (the hello, the nudge); a pass that failed rejects.
   */
  nextDeliveryPass(hostId: string, kind: DeliveryPass['trigger']['kind']): Promise<DeliveryPass>;
  stop(): Promise<void>;
};

/** A gateway on a random port over a fresh database (runtime role) and an in-process bus. */
export async function startTestGateway(
  options: Partial<Pick<GatewayOptions, 'settings' | 'ingest' | 'bus' | 'trustProxy' | 'secrets'>> & {
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
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
  const address = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    gateway,
    database,
    httpUrl: address,
    wsUrl: `${address.replace(/^http/, 'ws')}/agent/v1`,
    nextDeliveryPass(hostId, kind) {
      return new Promise((resolve, reject) => {
        const stop = gateway.deliveries.onPass((pass) => {
          if (pass.session.identity.hostId !== hostId || pass.trigger.kind !== kind) return;
          stop();
          if (pass.error === undefined) resolve(pass);
          else reject(pass.error);
        });
      });
    },
    async stop() {
      await gateway.drain(5000);
      if (!options.bus) await bus.close();
      if (!options.database) await database.drop();
    },
  };
}

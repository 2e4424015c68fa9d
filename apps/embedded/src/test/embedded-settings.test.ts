import { buildApi } from '@berth/api/app';
import { createMemoryBus } from '@berth/bus';
import { parseEnv, ZEmbeddedEnvSchema } from '@berth/config';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { buildGateway } from '@berth/gateway/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedApiOptions, embeddedGatewayOptions } from '../embedded-options.js';
import { execSocketUrl } from '../start-services.js';

// `npm start` reads the same variables as the separate gateway and API processes, through
// their own settings readers: a variable set in the environment reaches the built service.
let database: TestDatabase;
const bus = createMemoryBus();
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await bus.close();
  await database?.drop();
});

describe('embedded mode settings', () => {
  it('sends browsers to the API on the console host name for exec terminals', () => {
    expect(execSocketUrl('http://berth.local:3000/', 3001)).toBe('http://berth.local:3001');
    expect(execSocketUrl('https://10.0.0.5:8443/console', 9001)).toBe('https://10.0.0.5:9001');
  });

  it('passes INGEST_*, AGENT_* and ROLLUP_* variables to the embedded gateway', async () => {
    const env = parseEnv(ZEmbeddedEnvSchema, {
      INGEST_ROWS_PER_TX: '500',
      INGEST_CONNECTIONS: '2',
      AGENT_INTERVAL_S: '5',
      ROLLUP_INTERVAL_S: '3',
    });
    const gateway = await buildGateway(
      embeddedGatewayOptions(env, {
        appUrl: database.appUrl,
        bus,
        authSecret: 'embedded-test-secret-0123456789abcdef',
      }),
    );
    try {
      expect(gateway.ctx.ingest).toEqual({ connections: 2, rowsPerTx: 500, queueRows: 200_000 });
      expect(gateway.ctx.settings.batchMs).toBe(5000);
      expect(gateway.ctx.settings.rollupMs).toBe(3000);
    } finally {
      await gateway.drain(1000);
    }
  });

  it('passes the API’s variables to the embedded API, BERTH_AGENT_VERSION included', async () => {
    const env = parseEnv(ZEmbeddedEnvSchema, {
      BERTH_AGENT_VERSION: '9.8.7',
      MAIL_FROM: 'Ops <ops@example.com>',
    });
    const api = await buildApi(
      embeddedApiOptions(env, {
        appUrl: database.appUrl,
        bus,
        authSecret: 'embedded-test-secret-0123456789abcdef',
        gatewayUrl: 'http://127.0.0.1:3002',
      }),
    );
    try {
      expect(api.ctx.settings).toMatchObject({
        currentAgentVersion: '9.8.7',
        mailFrom: 'Ops <ops@example.com>',
        gatewayUrl: 'http://127.0.0.1:3002',
        publicUrl: 'http://localhost:3000',
      });
    } finally {
      await api.close();
    }
  });
});

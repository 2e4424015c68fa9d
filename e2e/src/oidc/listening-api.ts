import { buildApi } from '@berth/api/app';
import { createMemoryBus } from '@berth/bus';

export type ListeningApi = { url: string; close(): Promise<void> };

/**
 * The real API in this process, listening on a loopback port: the console's server side
 * calls it over HTTP (sign-in links and sessions are HMAC-signed with the shared secret).
 */
export async function startListeningApi(options: {
  databaseUrl: string;
  authSecret: string;
  consoleOrigin: string;
}): Promise<ListeningApi> {
  const bus = createMemoryBus();
  const api = await buildApi({
    databaseUrl: options.databaseUrl,
    bus,
    settings: {
      authSecret: options.authSecret,
      consoleOrigin: options.consoleOrigin,
      publicUrl: options.consoleOrigin,
      gatewayUrl: 'http://gateway.invalid',
      production: false,
      mailFrom: 'Berth e2e <no-reply@berth.test>',
    },
  });
  const url = await api.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    async close() {
      await api.close();
      await bus.close();
    },
  };
}

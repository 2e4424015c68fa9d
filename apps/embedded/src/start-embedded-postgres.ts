import path from 'node:path';
import { startLocalPostgres } from '@berth/embedded-pg';
import { freePort } from './free-port.js';

export type RunningPostgres = { adminUrl: string; port: number; dataDir: string; stop(): Promise<void> };

type Options = { dataDir: string; preferredPort: number; password: string; log: (line: string) => void };

/**
 * PostgreSQL for embedded mode, data in `<dataDir>/postgres` — or, for root in a checkout the
 * `postgres` user cannot reach, where @berth/embedded-pg puts it (printed, reused next time).
 */
export async function startEmbeddedPostgres({
  dataDir,
  preferredPort,
  password,
  log,
}: Options): Promise<RunningPostgres> {
  const recent: string[] = [];
  const postgres = await startLocalPostgres({
    dataDir: path.join(dataDir, 'postgres'),
    port: await freePort(preferredPort),
    password,
    log,
    onServerLog: (line) => {
      recent.push(line.trim());
      if (recent.length > 20) recent.shift();
    },
  }).catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL did not start: ${String(error ?? '')}\n${recent.join('\n')}`);
  });
  return { adminUrl: postgres.adminUrl, port: postgres.port, dataDir: postgres.dataDir, stop: postgres.stop };
}

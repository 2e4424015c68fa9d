import type { DemoSeed } from '@berth/db';
import type { RunningService } from './start-services.js';

type Banner = {
  webUrl: string;
  bus: string;
  dataDir: string;
  /** Embedded PostgreSQL's data directory; null with DATABASE_URL. */
  postgresDataDir: string | null;
  seed: DemoSeed;
  services: RunningService[];
};

/** What a newcomer needs after `npm start`: where to go and how to sign in. */
export function printBanner({ webUrl, bus, dataDir, postgresDataDir, seed, services }: Banner): void {
  const login = seed.created
    ? [
        `  e-mail:    ${seed.email}`,
        `  password:  ${seed.password}   (shown once; change it after signing in)`,
      ]
    : [`  e-mail:    ${seed.email}`, '  password:  the one printed on the first run'];
  console.log(
    [
      '',
      'Berth is ready',
      `  console:   ${webUrl}`,
      ...login,
      `  database:  ${postgresDataDir ? `embedded PostgreSQL (data in ${postgresDataDir})` : 'DATABASE_URL'}`,
      `  state:     ${dataDir}`,
      `  bus:       ${bus}`,
      ...services.map((service) => `  ${`${service.name}:`.padEnd(10)} ${service.url}`),
      '  stop:      Ctrl-C',
      '',
    ].join('\n'),
  );
}

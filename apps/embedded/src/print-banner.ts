import type { DemoSeed } from '@berth/db';
import type { RunningService } from './start-services.js';

type Banner = {
  webUrl: string;
  bus: string;
  dataDir: string;
  embeddedPostgres: boolean;
  seed: DemoSeed;
  services: RunningService[];
};

/** What a newcomer needs after `npm start`: where to go and how to sign in. */
export function printBanner({ webUrl, bus, dataDir, embeddedPostgres, seed, services }: Banner): void {
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
      `  database:  ${embeddedPostgres ? `embedded PostgreSQL (data in ${dataDir}/postgres)` : 'DATABASE_URL'}`,
      `  bus:       ${bus}`,
      ...services.map((service) => `  ${`${service.name}:`.padEnd(10)} ${service.url}`),
      '  stop:      Ctrl-C',
      '',
    ].join('\n'),
  );
}

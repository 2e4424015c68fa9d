import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalRegistry } from '@berth/test-docker';
import {
  dockerAvailability,
  dockerWithConfig,
  importTinyImage,
  pushPlatformImage,
  registryAvailability,
  repoDigests,
  startRegistry,
} from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImageUpdate } from '../check-image-update.js';
import { parseDockerConfig } from '../docker-config.js';
import { headManifest } from '../head-manifest.js';
import { createRegistryClient } from '../registry-client.js';
import { RegistryError } from '../registry-error.js';
import { credentialResolver } from '../resolve-credentials.js';
import type { TokenGate } from './token-gate.js';
import { startTokenGate } from './token-gate.js';
import type { TokenServer } from './token-server.js';
import { startTokenServer } from './token-server.js';

const registry = registryAvailability();
const docker = await dockerAvailability();
const AMD64 = { os: 'linux', architecture: 'amd64' };
const USER = { username: 'berth', password: `pw-${randomBytes(12).toString('hex')}` };

async function rejectionOf(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (caught: unknown) => caught,
  );
  if (error instanceof RegistryError) return error;
  throw error;
}

/** Neither the message nor anything enumerable on the error carries the secret. */
function expectNoSecret(error: RegistryError, secret: string): void {
  expect(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain(secret);
}

const basicSkip = !registry.ok ? registry.reason : !docker.ok ? docker.reason : '';

describe.skipIf(basicSkip !== '')(
  `a registry behind basic auth, pushed to after docker login${basicSkip ? ` (skipped: ${basicSkip})` : ''}`,
  () => {
    let local: LocalRegistry;
    let configDir: string;
    let image: string;
    let imageId: string;
    beforeAll(async () => {
      local = await startRegistry({ basic: USER });
      configDir = await mkdtemp(path.join(tmpdir(), 'berth-docker-config-'));
      await dockerWithConfig(
        configDir,
        ['login', local.host, '-u', USER.username, '--password-stdin'],
        USER.password,
      );
      image = `${local.host}/private/app:2.1.0`;
      imageId = await importTinyImage(configDir, image, `private ${Date.now()}`);
      await dockerWithConfig(configDir, ['push', image]);
    });
    afterAll(async () => {
      if (imageId) await dockerWithConfig(configDir, ['rmi', '-f', imageId]).catch(() => undefined);
      await local?.stop();
      if (configDir) await rm(configDir, { recursive: true, force: true });
    });

    it("checks with the credentials docker login wrote into the host's config.json", async () => {
      const dockerConfig = parseDockerConfig(await readFile(path.join(configDir, 'config.json'), 'utf8'));
      const client = createRegistryClient({ credentials: credentialResolver({ dockerConfig }) });
      const check = await checkImageUpdate(client, {
        image,
        repoDigests: await repoDigests(configDir, imageId),
        platform: AMD64,
      });
      expect(check).toMatchObject({ status: 'up_to_date', requests: { head: 1, get: 0 } });
    });

    it('without credentials: an unauthorized error that names the registry and says none are configured', async () => {
      const error = await rejectionOf(
        headManifest(createRegistryClient(), { registry: local.host, repository: 'private/app' }, '2.1.0'),
      );
      expect(error.code).toBe('unauthorized');
      expect(error.details.registry).toBe(local.host);
      expect(error.message).toContain(local.host);
      expect(error.message).toContain('none are configured');
    });

    it('with a wrong password: refused, and the password appears nowhere in the error', async () => {
      const wrong = `wrong-${randomBytes(8).toString('hex')}`;
      const client = createRegistryClient({
        credentials: credentialResolver({
          explicit: { [local.host]: { username: USER.username, password: wrong } },
        }),
      });
      const error = await rejectionOf(
        headManifest(client, { registry: local.host, repository: 'private/app' }, '2.1.0'),
      );
      expect(error.code).toBe('unauthorized');
      expect(error.message).toContain('refused the credentials');
      expectNoSecret(error, wrong);
    });
  },
);

describe.skipIf(basicSkip !== '')(
  `docker-registry with token auth (JWT from a loopback token service)${basicSkip ? ` (skipped: ${basicSkip})` : ''}`,
  () => {
    let tokens: TokenServer;
    let local: LocalRegistry;
    let configDir: string;
    let image: string;
    let imageId: string;
    beforeAll(async () => {
      tokens = await startTokenServer({ user: USER, anonymous: false });
      local = await startRegistry({ token: tokens });
      configDir = await mkdtemp(path.join(tmpdir(), 'berth-docker-config-'));
      await dockerWithConfig(
        configDir,
        ['login', local.host, '-u', USER.username, '--password-stdin'],
        USER.password,
      );
      image = `${local.host}/private/tokened:1.0.0`;
      imageId = await importTinyImage(configDir, image, `tokened ${Date.now()}`);
      await dockerWithConfig(configDir, ['push', image]);
    });
    afterAll(async () => {
      if (imageId) await dockerWithConfig(configDir, ['rmi', '-f', imageId]).catch(() => undefined);
      await local?.stop();
      await tokens?.close();
      if (configDir) await rm(configDir, { recursive: true, force: true });
    });

    it('follows the challenge to the token service with basic credentials and reuses the token', async () => {
      const client = createRegistryClient({
        credentials: credentialResolver({ explicit: { [local.host]: USER } }),
      });
      const input = { image, repoDigests: await repoDigests(configDir, imageId), platform: AMD64 };
      const tokensBefore = tokens.requests.length;
      const logBefore = (await local.accessLog()).length;
      expect(await checkImageUpdate(client, input)).toMatchObject({ status: 'up_to_date' });
      expect(await checkImageUpdate(client, input)).toMatchObject({ status: 'up_to_date' });
      expect(tokens.requests.slice(tokensBefore)).toEqual([
        { scope: 'repository:private/tokened:pull', user: USER.username },
      ]);
      // The first HEAD is refused with the challenge; each check then costs one authorised HEAD.
      expect((await local.accessLog()).slice(logBefore)).toEqual(
        Array(3).fill('HEAD /v2/private/tokened/manifests/1.0.0'),
      );
    });

    it('anonymous or with a wrong password: refused by the token service, registry named, no secret', async () => {
      const target = { registry: local.host, repository: 'private/tokened' };
      const anonymous = await rejectionOf(headManifest(createRegistryClient(), target, '1.0.0'));
      expect(anonymous).toMatchObject({ code: 'unauthorized', details: { registry: local.host } });
      expect(anonymous.message).toContain(`token service of ${local.host} refused anonymous access`);
      const wrongPassword = `nope-${randomBytes(8).toString('hex')}`;
      const wrong = createRegistryClient({
        credentials: () => ({ username: USER.username, password: wrongPassword }),
      });
      const refused = await rejectionOf(headManifest(wrong, target, '1.0.0'));
      expect(refused.message).toContain(`token service of ${local.host} refused the credentials`);
      expectNoSecret(refused, wrongPassword);
    });
  },
);

describe.skipIf(!registry.ok)(
  `a token gate in front of docker-registry (anonymous tokens, Docker Hub quota headers, 429)${registry.ok ? '' : ` (skipped: ${registry.reason})`}`,
  () => {
    let local: LocalRegistry;
    let gate: TokenGate;
    let privateGate: TokenGate;
    beforeAll(async () => {
      local = await startRegistry();
      await pushPlatformImage(local.url, 'team/app', AMD64, 'token app', 'latest');
      gate = await startTokenGate({
        upstream: local.url,
        user: USER,
        anonymous: true,
        rateLimited: ['team/hot'],
      });
      privateGate = await startTokenGate({ upstream: local.url, user: USER, anonymous: false });
    });
    afterAll(async () => {
      await gate?.close();
      await privateGate?.close();
      await local?.stop();
    });

    it('fetches an anonymous pull token once, caches it, and returns the quota headers', async () => {
      const client = createRegistryClient();
      const target = { registry: gate.host, repository: 'team/app' };
      const first = await headManifest(client, target, 'latest');
      const second = await headManifest(client, target, 'latest');
      expect(second.digest).toBe(first.digest);
      expect(gate.tokenRequests).toEqual([{ scope: 'repository:team/app:pull', user: undefined }]);
      // One refused HEAD to learn the challenge, then only authorised ones.
      expect(gate.refused).toEqual(['HEAD /v2/team/app/manifests/latest']);
      expect(gate.forwarded).toEqual([
        'HEAD /v2/team/app/manifests/latest',
        'HEAD /v2/team/app/manifests/latest',
      ]);
      expect(second.rateLimit).toEqual({ limit: 100, remaining: 98, windowSeconds: 21600 });
    });

    it('sends basic credentials to the token service when it has them, and names the registry when refused', async () => {
      const target = { registry: privateGate.host, repository: 'team/app' };
      const anonymous = await rejectionOf(headManifest(createRegistryClient(), target, 'latest'));
      expect(anonymous).toMatchObject({ code: 'unauthorized', details: { registry: privateGate.host } });
      expect(anonymous.message).toContain(`token service of ${privateGate.host} refused anonymous access`);
      const wrongPassword = `nope-${randomBytes(8).toString('hex')}`;
      const wrong = createRegistryClient({
        credentials: () => ({ username: USER.username, password: wrongPassword }),
      });
      const refused = await rejectionOf(headManifest(wrong, target, 'latest'));
      expect(refused.message).toContain('refused the credentials');
      expectNoSecret(refused, wrongPassword);
      const right = createRegistryClient({ credentials: () => USER });
      await expect(headManifest(right, target, 'latest')).resolves.toMatchObject({
        digest: expect.stringMatching(/^sha256:/),
      });
      expect(privateGate.tokenRequests.at(-1)).toEqual({
        scope: 'repository:team/app:pull',
        user: USER.username,
      });
    });

    it('maps 429 to rate_limited with the reset time and 404 to not_found', async () => {
      const client = createRegistryClient({ now: () => Date.parse('2026-01-01T00:00:00Z') });
      const limited = await rejectionOf(
        headManifest(client, { registry: gate.host, repository: 'team/hot' }, 'latest'),
      );
      expect(limited.code).toBe('rate_limited');
      expect(limited.details.resetAt?.toISOString()).toBe('2026-01-01T01:00:00.000Z');
      const missing = await rejectionOf(
        headManifest(client, { registry: gate.host, repository: 'team/app' }, 'nope'),
      );
      expect(missing).toMatchObject({ code: 'not_found', details: { registry: gate.host, status: 404 } });
    });

    it('a registry that does not answer is a network error naming it', async () => {
      const gone = await startRegistry();
      await gone.stop();
      const error = await rejectionOf(
        headManifest(createRegistryClient(), { registry: gone.host, repository: 'team/app' }, 'latest'),
      );
      expect(error.code).toBe('network');
      expect(error.message).toContain(`cannot reach ${gone.host}`);
    });
  },
);
